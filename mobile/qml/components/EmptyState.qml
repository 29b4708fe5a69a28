// What a list shows when it has nothing to show, and why.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

ColumnLayout {
    id: root

    property string iconName: "info"
    property string title
    property string text

    spacing: Theme.spacingS
    Accessible.role: Accessible.StaticText
    Accessible.name: title + ". " + text

    Rectangle {
        Layout.alignment: Qt.AlignHCenter
        Layout.bottomMargin: Theme.spacingS
        implicitWidth: 72
        implicitHeight: 72
        radius: 36
        color: Theme.primaryLight
        AppIcon {
            anchors.centerIn: parent
            name: root.iconName
            color: Theme.primary
            size: 36
        }
    }
    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.title
        font.pixelSize: Theme.fontTitle
        font.weight: Font.DemiBold
        color: Theme.textPrimary
        wrapMode: Text.Wrap
    }
    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        visible: text.length > 0
        text: root.text
        font.pixelSize: Theme.fontBody
        color: Theme.textSecondary
        wrapMode: Text.Wrap
    }
}
