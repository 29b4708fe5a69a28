// A thin bar for a share done (percent complete, money spent of the budget).
import QtQuick
import SecapField

Rectangle {
    id: root

    // 0..100; below 0 means "not reported" and draws an empty track.
    property real percent: -1
    property color barColor: Theme.accent

    implicitHeight: 6
    radius: height / 2
    color: Theme.divider
    Accessible.role: Accessible.ProgressBar
    Accessible.name: percent >= 0 ? qsTr("%1 % done").arg(App.formatNumber(Math.round(percent))) : qsTr("Not reported")

    Rectangle {
        visible: root.percent > 0
        width: Math.max(root.height, root.width * Math.min(100, root.percent) / 100)
        height: parent.height
        radius: parent.radius
        color: root.barColor
    }
}
