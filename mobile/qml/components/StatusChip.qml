// A measure's status as a small coloured pill: "Ongoing", "Completed"…
import QtQuick
import QtQuick.Controls
import SecapField

Rectangle {
    id: root

    property int status: 1
    property bool large: false

    implicitHeight: root.large ? 30 : 24
    implicitWidth: chipLabel.implicitWidth + (root.large ? 24 : 16)
    radius: height / 2
    color: Theme.statusBackground(root.status)
    Accessible.role: Accessible.StaticText
    Accessible.name: chipLabel.text

    Label {
        id: chipLabel
        anchors.centerIn: parent
        text: Labels.progressStatusName(root.status)
        font.pixelSize: root.large ? Theme.fontSmall + 1 : Theme.fontCaption
        font.weight: Font.DemiBold
        color: Theme.statusColor(root.status)
    }
}
