// The wall tablet's on-screen keyboard (Qt Virtual Keyboard, DESIGN.md §7):
// a wall tablet has no hardware keyboard. It slides up from the bottom when a
// text field takes the focus (a reading's note) and speaks the app's
// language. KioskPage loads it only when the virtual keyboard is the input
// method (main.cpp sets it for --kiosk); the digits have the kiosk's own
// keypad.
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import SecapField

Item {
    id: root

    // pl → pl_PL, de → de_DE, en → en_GB; the system's language otherwise.
    readonly property string keyboardLocale: {
        const language = App.language || Qt.locale().name.substring(0, 2)
        return language === "pl" ? "pl_PL" : language === "de" ? "de_DE" : "en_GB"
    }

    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: [root.keyboardLocale]
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: root.keyboardLocale
    }

    InputPanel {
        id: panel
        objectName: "kioskKeyboard"
        anchors.left: parent.left
        anchors.right: parent.right
        y: active ? root.height - height : root.height
        visible: active
    }
}
