// The main action of a screen: full colour, 52 px high, rounded. Drawn
// without Material's elevation layer, which the software renderer (headless
// runs, some kiosks) cannot draw.
import QtQuick
import QtQuick.Controls
import SecapField

Button {
    id: control

    // Amber instead of the brand colour: the action goes against a warning.
    property bool warning: false

    implicitHeight: 52
    font.pixelSize: Theme.fontBodyLarge
    font.weight: Font.DemiBold
    font.capitalization: Font.MixedCase
    Accessible.name: text

    contentItem: Label {
        text: control.text
        font: control.font
        color: control.enabled ? Theme.textOnPrimary : Theme.textTertiary
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }

    background: Rectangle {
        implicitWidth: 120
        implicitHeight: 52
        radius: Theme.radiusSmall
        readonly property color base: control.warning ? Theme.warning : Theme.primary
        color: !control.enabled ? "#E1E5E9"
             : control.down ? Qt.darker(base, 1.25)
             : control.hovered ? Qt.darker(base, 1.08) : base
        border.width: control.visualFocus ? 2 : 0
        border.color: Theme.accent
    }
}
