// An icon button for the toolbar: a 48 px touch target with a spoken name.
import QtQuick
import QtQuick.Controls
import SecapField

ToolButton {
    id: root

    property string iconName
    property color iconColor: Theme.textOnPrimary
    property bool spinning: false

    implicitWidth: Theme.touchTarget
    implicitHeight: Theme.touchTarget
    display: AbstractButton.IconOnly
    Accessible.name: text
    ToolTip.visible: hovered && text.length > 0
    ToolTip.text: text
    ToolTip.delay: 600

    contentItem: Item {
        AppIcon {
            id: icon
            anchors.centerIn: parent
            name: root.iconName
            color: root.enabled ? root.iconColor : Qt.rgba(root.iconColor.r, root.iconColor.g,
                                                           root.iconColor.b, 0.4)
            RotationAnimator on rotation {
                running: root.spinning
                from: 360
                to: 0
                duration: 1200
                loops: Animation.Infinite
                onRunningChanged: if (!running) icon.rotation = 0
            }
        }
    }
}
