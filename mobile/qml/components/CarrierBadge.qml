// A round, tinted badge with an icon: the leading visual of list rows.
import QtQuick
import SecapField

Rectangle {
    id: root

    property string iconName: "gauge"
    property color tint: Theme.primary
    property int diameter: 44

    implicitWidth: diameter
    implicitHeight: diameter
    radius: diameter / 2
    color: Qt.rgba(tint.r, tint.g, tint.b, 0.12)
    Accessible.ignored: true

    AppIcon {
        anchors.centerIn: parent
        name: root.iconName
        color: root.tint
        size: Math.round(root.diameter * 0.55)
    }
}
