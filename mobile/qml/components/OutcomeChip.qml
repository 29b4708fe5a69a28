// An inspection's outcome as a small coloured pill: "Verified", "Follow-up
// needed"… A draft shows as such.
import QtQuick
import QtQuick.Controls
import SecapField

Rectangle {
    id: root

    property int outcome: 0
    property bool draft: false
    property bool large: false

    implicitHeight: root.large ? 30 : 24
    implicitWidth: chipLabel.implicitWidth + (root.large ? 24 : 16)
    radius: height / 2
    color: root.draft ? Theme.warningBackground : Theme.outcomeBackground(root.outcome)
    Accessible.role: Accessible.StaticText
    Accessible.name: chipLabel.text

    Label {
        id: chipLabel
        anchors.centerIn: parent
        text: root.draft ? qsTr("Draft") : Labels.outcomeName(root.outcome)
        font.pixelSize: root.large ? Theme.fontSmall + 1 : Theme.fontCaption
        font.weight: Font.DemiBold
        color: root.draft ? Theme.warning : Theme.outcomeColor(root.outcome)
    }
}
