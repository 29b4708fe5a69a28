// A secondary action next to a screen's main one: outlined in the brand
// colour, with an icon, at least 48 px high (a full touch target).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Button {
    id: control

    property string iconName
    // Red outline and text: the action removes something.
    property bool destructive: false

    readonly property color tint: !enabled ? Theme.textTertiary : (destructive ? Theme.error : Theme.primary)

    implicitHeight: Theme.touchTarget
    leftPadding: Theme.spacingM
    rightPadding: Theme.spacingM
    font.pixelSize: Theme.fontBody
    font.weight: Font.DemiBold
    font.capitalization: Font.MixedCase
    Accessible.name: text

    // Icon and text centred together; the text elides when space is short.
    contentItem: Item {
        implicitWidth: (icon.visible ? icon.implicitWidth + row.spacing : 0) + label.implicitWidth
        implicitHeight: Math.max(20, label.implicitHeight)

        Row {
            id: row
            anchors.centerIn: parent
            spacing: Theme.spacingS
            AppIcon {
                id: icon
                anchors.verticalCenter: parent.verticalCenter
                visible: control.iconName.length > 0
                name: control.iconName
                color: control.tint
                size: 20
            }
            Label {
                id: label
                anchors.verticalCenter: parent.verticalCenter
                width: Math.min(implicitWidth, row.parent.width - (icon.visible ? icon.width + row.spacing : 0))
                text: control.text
                font: control.font
                color: control.tint
                elide: Text.ElideRight
            }
        }
    }

    background: Rectangle {
        implicitWidth: 96
        implicitHeight: Theme.touchTarget
        radius: Theme.radiusSmall
        color: control.down ? (control.destructive ? Theme.errorBackground : Theme.primaryLight)
             : control.hovered ? Theme.surfaceMuted : Theme.surface
        border.width: control.visualFocus ? 2 : 1
        border.color: control.visualFocus ? Theme.accent : Qt.rgba(control.tint.r, control.tint.g, control.tint.b, 0.45)
    }
}
