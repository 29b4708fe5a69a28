// A short confirmation at the bottom of the window that fades by itself.
import QtQuick
import QtQuick.Controls
import SecapField

Rectangle {
    id: root

    function show(message) {
        label.text = message
        hideTimer.restart()
        root.opacity = 1
    }

    width: Math.min(parent ? parent.width - 2 * Theme.spacingL : 360, label.implicitWidth + 2 * Theme.spacingXl)
    height: Math.max(Theme.touchTarget, label.implicitHeight + 2 * Theme.spacingM)
    radius: Theme.radiusSmall
    color: "#263238"
    opacity: 0
    visible: opacity > 0
    Accessible.role: Accessible.AlertMessage
    Accessible.name: label.text

    Behavior on opacity { NumberAnimation { duration: 180 } }

    Label {
        id: label
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingXl
        anchors.rightMargin: Theme.spacingXl
        verticalAlignment: Text.AlignVCenter
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        color: "#FFFFFF"
        font.pixelSize: Theme.fontBody
    }

    Timer {
        id: hideTimer
        interval: 3500
        onTriggered: root.opacity = 0
    }
}
