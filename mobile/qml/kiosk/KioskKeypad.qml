// A large keypad for a wall tablet: digits, the locale's decimal separator
// (a comma in pl and de) and delete; 96 px keys, for a finger standing in a
// corridor. `text` is what was typed; `maxLength` digits at most.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

GridLayout {
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

    columns: 3
    rowSpacing: 12
    columnSpacing: 12

    Repeater {
        model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "sep", "0", "back"]
        delegate: AbstractButton {
            id: key
            required property string modelData
            objectName: "key_" + modelData
            Layout.fillWidth: true
            Layout.preferredWidth: 1
            implicitHeight: 88
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
