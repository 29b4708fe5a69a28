// A large keypad for a wall tablet: digits, the locale's decimal separator
// (a comma in pl and de) and delete; 96 px keys, for a finger standing in a
// corridor. `text` is what was typed; `maxLength` digits at most.
//
// The keys sit in a Grid positioner, not a GridLayout: Qt 6.4's layouts can
// crash on a Repeater's delegates replaced while they were hidden (see
// NavBar.qml); a positioner has no such state.
import QtQuick
import QtQuick.Controls
import SecapField

Item {
    id: root

    property string text
    property bool allowDecimal: true
    property int maxLength: 12
    readonly property string decimalPoint: Qt.locale().decimalPoint
    signal typed()

    function press(key) {
        if (key === "back") {
            text = text.slice(0, -1)
        } else if (key === "sep") {
            if (!allowDecimal || text.indexOf(decimalPoint) >= 0)
                return
            text = (text.length === 0 ? "0" : text) + decimalPoint
        } else if (text.replace(decimalPoint, "").length < maxLength) {
            text = text + key
        }
        typed()
    }

    readonly property int spacing: 12
    readonly property int keyHeight: 88
    implicitWidth: 3 * 120 + 2 * spacing
    implicitHeight: 4 * keyHeight + 3 * spacing

    Grid {
        id: grid
        anchors.fill: parent
        columns: 3
        spacing: root.spacing
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "sep", "0", "back"]
            delegate: AbstractButton {
                id: key
                required property string modelData
                objectName: "key_" + modelData
                width: (grid.width - 2 * root.spacing) / 3
                height: root.keyHeight
                enabled: modelData !== "sep" || root.allowDecimal
                focusPolicy: Qt.NoFocus
                Accessible.role: Accessible.Button
                Accessible.name: modelData === "back" ? qsTr("Delete") : modelData === "sep" ? qsTr("Decimal separator")
                                                                                              : modelData
                onClicked: root.press(modelData)
                contentItem: Item {}
                background: Rectangle {
                    radius: 16
                    color: key.down ? Theme.primaryLight : Theme.surface
                    border.color: Theme.border
                    // A PIN has no decimal separator: its key is left out.
                    opacity: key.enabled ? 1 : 0
                    Label {
                        anchors.centerIn: parent
                        visible: key.modelData !== "back"
                        text: key.modelData === "sep" ? root.decimalPoint : key.modelData
                        font.pixelSize: 40
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    AppIcon {
                        anchors.centerIn: parent
                        visible: key.modelData === "back"
                        name: "back"
                        size: 36
                        color: Theme.textPrimary
                    }
                }
            }
        }
    }
}
