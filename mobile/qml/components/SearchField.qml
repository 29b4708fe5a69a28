// A rounded search box with a magnifier and a button that clears it.
import QtQuick
import QtQuick.Controls
import SecapField

TextField {
    id: search

    // The spoken name; the placeholder when empty.
    property string accessibleName

    implicitHeight: Theme.touchTarget + 4
    leftPadding: 48
    rightPadding: clearButton.visible ? 48 : Theme.spacingL
    topPadding: 0
    bottomPadding: 0
    verticalAlignment: TextInput.AlignVCenter
    placeholderTextColor: Theme.textTertiary
    font.pixelSize: Theme.fontBodyLarge
    inputMethodHints: Qt.ImhNoPredictiveText
    selectByMouse: true
    Accessible.name: accessibleName.length > 0 ? accessibleName : placeholderText

    background: Rectangle {
        radius: height / 2
        color: Theme.surface
        border.color: search.activeFocus ? Theme.primary : Theme.border
        border.width: search.activeFocus ? 2 : 1
    }

    AppIcon {
        anchors.left: parent.left
        anchors.leftMargin: Theme.spacingL
        anchors.verticalCenter: parent.verticalCenter
        name: "search"
        color: Theme.textSecondary
        size: 22
    }

    ToolButton {
        id: clearButton
        anchors.right: parent.right
        anchors.verticalCenter: parent.verticalCenter
        implicitWidth: Theme.touchTarget
        implicitHeight: Theme.touchTarget
        visible: search.text.length > 0
        text: qsTr("Clear search")
        display: AbstractButton.IconOnly
        Accessible.name: text
        contentItem: Item {
            AppIcon {
                anchors.centerIn: parent
                name: "close"
                color: Theme.textSecondary
                size: 20
            }
        }
        onClicked: search.clear()
    }
}
