// One "label: value" line in a details card.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

RowLayout {
    id: root

    property string label
    property string value
    property color valueColor: Theme.textPrimary
    property int labelWidth: 136
    // Identifiers and paths may break anywhere; prose breaks between words.
    property bool breakAnywhere: false

    spacing: Theme.spacingM
    Accessible.role: Accessible.StaticText
    Accessible.name: label + ": " + value

    Label {
        Layout.preferredWidth: root.labelWidth
        Layout.maximumWidth: root.labelWidth
        Layout.alignment: Qt.AlignTop
        text: root.label
        color: Theme.textSecondary
        font.pixelSize: Theme.fontBody
        wrapMode: Text.Wrap
    }
    Label {
        Layout.fillWidth: true
        Layout.preferredWidth: 0
        Layout.alignment: Qt.AlignTop
        text: root.value
        color: root.valueColor
        font.pixelSize: Theme.fontBody
        wrapMode: root.breakAnywhere ? Text.WrapAnywhere : Text.Wrap
    }
}
