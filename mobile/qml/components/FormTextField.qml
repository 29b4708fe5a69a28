// A text field of a form: 52 px high, rounded, with an optional unit or
// currency on the right and a red border while `invalid`.
import QtQuick
import QtQuick.Controls
import SecapField

TextField {
    id: field

    property string suffix
    property bool invalid: false

    implicitHeight: 52
    leftPadding: Theme.spacingM
    rightPadding: suffix.length > 0 ? suffixLabel.implicitWidth + 2 * Theme.spacingM : Theme.spacingM
    topPadding: 0
    bottomPadding: 0
    verticalAlignment: TextInput.AlignVCenter
    font.pixelSize: Theme.fontBodyLarge
    placeholderTextColor: "#9AA5AF"
    selectByMouse: true

    background: Rectangle {
        radius: Theme.radiusSmall
        color: field.enabled ? Theme.surface : Theme.surfaceMuted
        border.width: field.activeFocus || field.invalid ? 2 : 1
        border.color: field.invalid ? Theme.error : (field.activeFocus ? Theme.primary : Theme.border)
    }

    Label {
        id: suffixLabel
        visible: field.suffix.length > 0
        anchors.right: parent.right
        anchors.rightMargin: Theme.spacingM
        anchors.verticalCenter: parent.verticalCenter
        text: field.suffix
        font.pixelSize: Theme.fontBody
        color: Theme.textSecondary
    }
}
