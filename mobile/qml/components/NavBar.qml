// The app's sections at the bottom of the window (Material navigation bar):
// sites and meters, measures, and the municipality's progress. Each item is
// a 64 px high touch target with an icon, a label and a spoken name.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Rectangle {
    id: root

    // The current section's key.
    property string current
    // [{key, label, icon, badge (optional count)}]
    property var items: []
    signal activated(string key)

    implicitHeight: 64
    color: Theme.surface

    Rectangle {
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        height: 1
        color: Theme.divider
    }

    RowLayout {
        anchors.fill: parent
        anchors.topMargin: 1
        spacing: 0

        // By count, not by the list: the list is rebuilt on each language
        // change and badge count, and a Repeater given a new list replaces
        // its delegates, which Qt 6.4's RowLayout, hidden under the kiosk,
        // kept and later crashed on. The delegates stay; their texts follow.
        Repeater {
            model: root.items.length
            delegate: AbstractButton {
                id: navItem
                required property int index
                readonly property var modelData: root.items[index] || ({})
                readonly property bool active: root.current === modelData.key

                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.maximumWidth: 200
                Layout.alignment: Qt.AlignHCenter
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.PageTab
                Accessible.name: modelData.label
                Accessible.checkable: true
                Accessible.checked: active
                onClicked: root.activated(modelData.key)

                leftPadding: 4
                rightPadding: 4
                contentItem: ColumnLayout {
                    spacing: 2
                    Rectangle {
                        Layout.alignment: Qt.AlignHCenter
                        implicitWidth: 56
                        implicitHeight: 30
                        radius: 15
                        color: navItem.active ? Theme.primaryLight : (navItem.down ? Theme.surfaceMuted : "transparent")
                        border.width: navItem.visualFocus ? 2 : 0
                        border.color: Theme.accent
                        AppIcon {
                            anchors.centerIn: parent
                            name: navItem.modelData.icon
                            size: 22
                            color: navItem.active ? Theme.primary : Theme.textSecondary
                        }
                        Rectangle {
                            visible: (navItem.modelData.badge || 0) > 0
                            anchors.right: parent.right
                            anchors.top: parent.top
                            anchors.rightMargin: 6
                            anchors.topMargin: -2
                            implicitWidth: Math.max(18, badgeText.implicitWidth + 8)
                            implicitHeight: 18
                            radius: 9
                            color: Theme.error
                            Label {
                                id: badgeText
                                anchors.centerIn: parent
                                text: navItem.modelData.badge || ""
                                font.pixelSize: 11
                                font.weight: Font.DemiBold
                                color: "white"
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        horizontalAlignment: Text.AlignHCenter
                        text: navItem.modelData.label
                        font.pixelSize: Theme.fontSmall
                        font.weight: navItem.active ? Font.DemiBold : Font.Normal
                        color: navItem.active ? Theme.primary : Theme.textSecondary
                        elide: Text.ElideRight
                    }
                }
                background: Item {}
            }
        }
    }
}
