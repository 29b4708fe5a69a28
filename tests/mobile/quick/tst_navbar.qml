// The bottom navigation, hidden under the kiosk's board, gets new texts on
// each language change and new badge counts: it must keep its buttons and
// lay them out when shown again (Qt 6.4's RowLayout crashed on delegates a
// Repeater replaced while it was hidden: the kiosk's screenshots segfaulted).
import QtQuick
import QtTest
import SecapField

Item {
    id: root
    width: 600
    height: 200

    NavBar {
        id: nav
        objectName: "nav"
        width: 400
        visible: false
    }

    TestCase {
        name: "NavBar"
        when: windowShown

        function itemsWith(badge, suffix) {
            return [
                { key: "sites", label: "Sites" + suffix, icon: "building" },
                { key: "measures", label: "Measures" + suffix, icon: "checklist" },
                { key: "inbox", label: "Attention" + suffix, icon: "warning", badge: badge }
            ]
        }

        function test_hiddenThenShownAfterNewItems() {
            nav.items = itemsWith(0, "")
            nav.visible = true
            waitForRendering(nav)
            nav.visible = false
            for (let i = 1; i <= 5; ++i) {
                nav.items = itemsWith(i, " " + i)  // a language change, a new count
                wait(0)
            }
            nav.visible = true
            nav.width = 580
            waitForRendering(nav)
            nav.width = 420
            waitForRendering(nav)
            const buttons = []
            for (let i = 0; i < nav.children.length; ++i)
                for (let j = 0; j < nav.children[i].children.length; ++j)
                    if (nav.children[i].children[j].Accessible.role === Accessible.PageTab)
                        buttons.push(nav.children[i].children[j])
            compare(buttons.length, 3, "three sections")
            compare(buttons[2].Accessible.name, "Attention 5", "the texts follow the items")
            verify(buttons[2].width > 0)
        }
    }
}
