// The wall tablet, a device enrolled as a kiosk for a school of Bydgoszcz
// (field_kiosk_quick_test): its board shows that school and the town's
// published photos only; a caretaker picks their name on the board, types
// the PIN and the reading on the large keypad (a decimal comma in Polish),
// adds a note on the on-screen keyboard, and the reading reaches the server;
// a half-typed entry left alone returns to the board with nothing written;
// five wrong PINs lock the person, shown as such.
import QtQuick
import QtTest
import SecapField
import SecapFieldTest

Item {
    id: root
    width: 1280
    height: 800

    Component {
        id: kioskComponent
        KioskPage {
            width: root.width
            height: root.height
            idleMs: 1500
            virtualKeyboard: TestEnv.virtualKeyboard
        }
    }
    Component {
        id: keypadComponent
        KioskKeypad {
            width: 420
        }
    }
    SignalSpy {
        id: savedSpy
        target: App
        signalName: "readingSaved"
    }

    TestCase {
        name: "Kiosk"
        when: windowShown

        property string anna
        property string bruno

        function initTestCase() {
            verify(TestEnv.serverRunning)
            compare(TestEnv.deviceRole, "kiosk", "run as field_kiosk_quick_test")
            if (!App.enrolled)
                App.enroll(TestEnv.enrollmentCode)
            tryVerify(() => App.enrolled, 20000, "the device enrolls")
            compare(App.role, "kiosk")
            verify(TestEnv.addUnpublishedPhoto().length > 0, "a photo not for the public")
            anna = TestEnv.addCaretaker("Anna Woźna", "1357", "")
            bruno = TestEnv.addCaretaker("Bruno Hausmeister", "8642", "")
            verify(anna.length > 0 && bruno.length > 0)
            App.syncNow()
            tryVerify(() => !App.syncing && App.pendingCount === 0, 60000, "the caretakers reach the tablet")
        }

        function cleanupTestCase() {
            TestEnv.useLanguage("")
        }

        function tap(item, name) {
            const target = findChild(item, name)
            verify(target, name)
            tryVerify(() => target.visible && target.width > 0, 3000, name + " is shown")
            waitForRendering(target)
            mouseClick(target)
        }

        // A key of the on-screen keyboard, by the character it types.
        function keyOf(item, ch) {
            for (let i = 0; i < item.children.length; ++i) {
                const c = item.children[i]
                if (c.visible && c.key !== undefined && c.text !== undefined && c.width > 0
                        && (ch === " " ? c.key === Qt.Key_Space : c.text === ch))
                    return c
                const found = keyOf(c, ch)
                if (found)
                    return found
            }
            return null
        }

        function tapKey(keyboard, ch) {
            const key = keyOf(keyboard, ch)
            verify(key, "the keyboard has the key " + JSON.stringify(ch))
            mouseClick(key)
        }

        function caretakerIndex(session, personId) {
            for (let i = 0; i < session.caretakers.length; ++i) {
                if (session.caretakers[i].personId === personId)
                    return i
            }
            return -1
        }

        function openKiosk() {
            const kiosk = createTemporaryObject(kioskComponent, root)
            verify(kiosk)
            const session = findChild(kiosk, "kioskSession")
            tryVerify(() => caretakerIndex(session, anna) >= 0, 10000, "the board lists the caretakers")
            return kiosk
        }

        function typeOn(keypad, digits) {
            for (const ch of digits)
                tap(keypad, "key_" + (ch === "," || ch === "." ? "sep" : ch))
        }

        // The tablet's own school, this month against last year's, and the
        // town's completed measures with photos the public may see: the
        // town also has photos that are not for the public.
        function test_0_theBoardShowsItsSchoolAndOnlyPublishedPhotos() {
            const kiosk = openKiosk()
            const board = findChild(kiosk, "kioskBoard")
            compare(board.siteNames, [TestEnv.kioskSiteName], "only the school it is bound to")
            verify(board.building.available, "the school's month against last year's")
            verify(board.building.meters > 0)
            verify(TestEnv.privatePhotoCount() > 0, "the town has photos not for the public")
            // The published photos are prefetched by the sync, then shown.
            tryVerify(() => board.measures.some(m => m.photoUrls.length > 0), 60000, "a completed measure's photo")
            let shown = 0
            for (const m of board.measures) {
                for (const url of m.photoUrls) {
                    verify(TestEnv.isPublishedPhoto(url), "published: " + url)
                    ++shown
                }
            }
            verify(shown > 0)
            // The measures card shows it.
            verify(kiosk.showScreen("kiosk_measures"))
            const card = findChild(kiosk, "measuresCard")
            verify(card, "the measures card")
            const photo = findChild(card, "measurePhoto")
            verify(photo && photo.visible, "a photo on the card")
            tryVerify(() => photo.status === Image.Ready, 10000, "the photo loads")
            verify(TestEnv.isPublishedPhoto(photo.source))
        }

        function test_1_theKeypadTypesTheLocalesDecimalComma() {
            TestEnv.useLanguage("pl")
            let keypad = createTemporaryObject(keypadComponent, root)
            typeOn(keypad, "12,5")
            compare(keypad.text, "12,5")
            compare(App.parseNumber(keypad.text), 12.5)
            tap(keypad, "key_sep")
            compare(keypad.text, "12,5", "one separator only")
            TestEnv.useLanguage("en")
            keypad = createTemporaryObject(keypadComponent, root)
            typeOn(keypad, "12.5")
            compare(keypad.text, "12.5")
            TestEnv.useLanguage("")
        }

        // From the board: the name (tap 1), the PIN, the meter (tap 2, where
        // the tablet has several): the reading's page.
        function openReading(kiosk, personId, pinText) {
            const session = findChild(kiosk, "kioskSession")
            tap(kiosk, "caretaker" + caretakerIndex(session, personId))
            const pin = findChild(kiosk, "kioskPin")
            verify(pin)
            typeOn(findChild(pin, "pinKeypad"), pinText)
            tap(pin, "pinOk")
            tryVerify(() => findChild(kiosk, "kioskMeters") || findChild(kiosk, "kioskReading"), 10000, "the PIN opens")
            if (findChild(kiosk, "kioskMeters"))
                tap(kiosk, "kioskMeter0")
            tryVerify(() => findChild(kiosk, "kioskReading") && findChild(kiosk, "kioskReading").visible, 5000)
            return findChild(kiosk, "kioskReading")
        }

        function test_2_aCaretakersReadingReachesTheServer() {
            const kiosk = openKiosk()
            const reading = openReading(kiosk, anna, "1357")
            // The previous reading is on screen; a higher one is typed.
            verify(findChild(reading, "previousReading").text.length > 1)
            savedSpy.clear()
            reading.preview()  // the previous reading + 137, as the digits would be typed
            const typed = reading.value
            verify(typed > 0)
            // Shown grouped as the previous reading is, to compare them.
            compare(findChild(reading, "typedValue").text.indexOf(App.formatNumber(typed)), 0,
                    findChild(reading, "typedValue").text)
            verify(!findChild(reading, "lowerWarning").visible)
            // A note, on the on-screen keyboard where it is the input method.
            tap(reading, "addNote")
            tryVerify(() => findChild(kiosk, "kioskNote") && findChild(kiosk, "kioskNote").visible, 3000, "the note")
            const field = findChild(kiosk, "noteField")
            tryVerify(() => field.activeFocus, 3000, "the field takes the focus")
            if (TestEnv.virtualKeyboard) {
                const keyboard = findChild(kiosk, "kioskKeyboard")
                verify(keyboard, "the on-screen keyboard is loaded")
                tryVerify(() => keyboard.active && keyboard.visible, 3000, "the keyboard comes up for text")
                waitForRendering(keyboard)
                // Typed on its keys, as the caretaker does; a note starts
                // with a capital by itself.
                for (const ch of "new")
                    tapKey(keyboard, ch)
                tapKey(keyboard, " ")
                compare(field.text, "New ")
                for (const ch of "meter")
                    keyClick(ch)  // a hardware keyboard still types
            } else {
                for (const ch of "New meter")
                    keyClick(ch)
            }
            compare(field.text, "New meter")
            tap(kiosk, "noteDone")
            tryVerify(() => !findChild(kiosk, "kioskNote") && reading.visible, 3000, "back to the reading")
            compare(reading.note, "New meter")
            verify(findChild(reading, "noteText").text.indexOf("New meter") >= 0)
            compare(reading.value, typed, "the digits are kept")
            tap(reading, "saveReading")
            tryVerify(() => savedSpy.count > 0, 10000, "the reading is saved on the tablet")
            const readingId = savedSpy.signalArguments[0][1]
            tryVerify(() => findChild(kiosk, "kioskThanks"), 3000, "thanked")
            App.syncNow()
            tryVerify(() => TestEnv.serverReading(readingId).exists, 60000, "the reading reaches the server")
            compare(TestEnv.serverReading(readingId).value, typed)
            compare(TestEnv.serverReading(readingId).note, "New meter")
            tryVerify(() => findChild(kiosk, "kioskBoardView") && !findChild(kiosk, "kioskThanks"), 6000,
                      "back to the board")
        }

        function test_3_idleReturnsToTheBoardAndWritesNothing() {
            const kiosk = openKiosk()
            const reading = openReading(kiosk, anna, "1357")
            typeOn(findChild(reading, "readingKeypad"), "12")
            compare(findChild(reading, "typedValue").text.indexOf("12"), 0, "the digits are typed")
            const pending = App.pendingCount
            // Nobody touches it: after the idle time the board is back.
            tryVerify(() => !findChild(kiosk, "kioskReading") && findChild(kiosk, "kioskBoardView"), 5000,
                      "the board returns by itself")
            compare(App.pendingCount, pending, "the half-typed reading was dropped, not saved")
        }

        // Schwäbisch Hall's board speaks German and English in turn: a
        // language a round of cards.
        function test_5_theBoardRotatesItsLanguages() {
            const before = App.language
            const kiosk = createTemporaryObject(kioskComponent, root, { rotateMs: 150, languages: ["de", "en"] })
            verify(kiosk)
            tryVerify(() => App.language === "de", 5000, "German after a round")
            tryVerify(() => App.language === "en", 5000, "then English")
            tryVerify(() => App.language === "de", 5000, "and German again")
            kiosk.languages = []
            App.language = before
        }

        // Without the server the board stays, with its figures, and says
        // discreetly that it is offline; back online, the note goes.
        function test_6_offlineTheBoardKeepsItsDataAndSaysSo() {
            const kiosk = openKiosk()
            const board = findChild(kiosk, "kioskBoard")
            const note = findChild(kiosk, "offlineNote")
            verify(note)
            verify(!note.visible, "online: no note")
            TestEnv.stopServer()
            App.syncNow()
            tryVerify(() => note.visible, 30000, "the board says it is offline")
            verify(note.text.length > 0)
            compare(board.siteNames, [TestEnv.kioskSiteName])
            verify(board.building.available, "the last data is still shown")
            verify(kiosk.cards.length >= 2)
            verify(TestEnv.startServer())
            App.syncNow()
            tryVerify(() => !note.visible, 60000, "online again")
        }

        function test_4_fiveWrongPinsLockThePerson() {
            const kiosk = openKiosk()
            const session = findChild(kiosk, "kioskSession")
            tap(kiosk, "caretaker" + caretakerIndex(session, bruno))
            const pin = findChild(kiosk, "kioskPin")
            const keypad = findChild(pin, "pinKeypad")
            for (let i = 1; i <= 5; ++i) {
                typeOn(keypad, "0000")
                tap(pin, "pinOk")
                tryVerify(() => findChild(pin, "pinMessage").text.length > 0 && !session.checking, 10000)
                if (i < 5)
                    verify(findChild(pin, "pinMessage").text.indexOf(String(5 - i)) >= 0, findChild(pin, "pinMessage").text)
            }
            verify(session.lockedUntil(bruno) > 0, "locked")
            // The right PIN does not open it now.
            typeOn(keypad, "8642")
            tap(pin, "pinOk")
            tryVerify(() => !session.checking, 10000)
            verify(!findChild(kiosk, "kioskReading") && !findChild(kiosk, "kioskMeters"), "still locked")
            const row = session.caretakers[caretakerIndex(session, bruno)]
            verify(row.lockedUntil > 0, "the board shows the lock")
        }
    }
}
