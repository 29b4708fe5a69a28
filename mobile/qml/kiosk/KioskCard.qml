// One card of the kiosk board: a white panel with a large title; the card's
// content fills the rest.
import QtQuick
import QtQuick.Controls
import SecapField

Rectangle {
    id: card

    property string title
    default property alias content: body.data

    radius: 24
    color: Theme.surface
    Accessible.role: Accessible.Grouping
    Accessible.name: title

    Label {
        id: heading
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 40
        text: card.title
        font.pixelSize: 40
        font.weight: Font.DemiBold
        color: Theme.textPrimary
        elide: Text.ElideRight
        Accessible.role: Accessible.Heading
    }
    Item {
        id: body
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: heading.bottom
        anchors.bottom: parent.bottom
        anchors.margins: 40
        anchors.topMargin: 24
    }
}
