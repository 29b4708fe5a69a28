// A step of a caretaker's reading on the kiosk: a large title, "Back to the
// board", and the step's content.
import QtQuick
import QtQuick.Controls
import SecapField

Rectangle {
    id: panel

    property string title
    property bool showBack: true
    default property alias content: body.data
    signal back()

    color: Theme.background

    Rectangle {
        id: bar
        anchors.left: parent.left
        anchors.right: parent.right
        height: 112
        color: Theme.primary
        AbstractButton {
            id: backButton
            objectName: "kioskBack"
            visible: panel.showBack
            anchors.left: parent.left
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: 24
            implicitWidth: 96
            implicitHeight: 96
            Accessible.role: Accessible.Button
            Accessible.name: qsTr("Back to the board")
            // After the click is delivered (the page goes with it).
            onClicked: Qt.callLater(panel.back)
            contentItem: Item {
                AppIcon {
                    anchors.centerIn: parent
                    name: "back"
                    size: 44
                    color: Theme.textOnPrimary
                }
            }
            background: Rectangle { radius: 48; color: backButton.down ? Theme.primaryDark : "transparent" }
        }
        Label {
            anchors.left: backButton.right
            anchors.right: parent.right
            anchors.verticalCenter: parent.verticalCenter
            anchors.leftMargin: 16
            text: panel.title
            font.pixelSize: 36
            font.weight: Font.DemiBold
            color: Theme.textOnPrimary
            elide: Text.ElideRight
            Accessible.role: Accessible.Heading
        }
    }
    Item {
        id: body
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: bar.bottom
        anchors.bottom: parent.bottom
        anchors.margins: 40
    }
}
