// A reading the server refuses lands in the inbox with its reason in words;
// fixed there, it is accepted on the next sync. One discarded there is gone
// from the device after the user confirms, and never reaches the server.
import QtQuick
import QtTest
import SecapField
import SecapFieldTest

Item {
    id: root
    width: 412
    height: 1600

    Component {
        id: inboxComponent
        InboxPage {}
    }
    SignalSpy {
        id: savedSpy
        target: App
        signalName: "readingSaved"
    }
    SignalSpy {
        id: rejectedSpy
        target: App
        signalName: "readingRejected"
    }
    SignalSpy {
        id: fixedSpy
        target: App
        signalName: "attentionFixed"
    }

    TestCase {
        name: "Inbox"
        when: windowShown

        property var meter

        function initTestCase() {
            verify(TestEnv.serverRunning)
            if (!App.enrolled)
                App.enroll(TestEnv.enrollmentCode)
            tryVerify(() => App.enrolled && App.municipalityName === TestEnv.municipalityName && !App.syncing
                      && App.pendingCount === 0, 60000, "the device is enrolled and synced")
            meter = TestEnv.aCumulativeMeter()
            verify(meter.meterId, "the town has a cumulative meter")
        }

        function typeInto(field, text) {
            tryVerify(() => field.visible && field.width > 0)
            waitForRendering(field)
            mouseClick(field)
            tryVerify(() => field.activeFocus, 2000, "the field takes the focus")
            field.selectAll()
            for (const ch of text)
                keyClick(ch)
            compare(field.text, text)
        }

        // A reading the device accepts (its meter still has the old number of
        // digits), then the meter is exchanged on the server for one with
        // `digits`, and the server refuses the reading at the next sync.
        function recordRefusedReading(value, digits) {
            // Out of reach while reading the meter (a cellar), so the device
            // cannot learn of the exchange before it sends the reading.
            const server = App.serverAddress
            App.serverAddress = "127.0.0.1:9"
            savedSpy.clear()
            rejectedSpy.clear()
            verify(App.recordReading(meter.meterId, String(value)))
            tryVerify(() => savedSpy.count > 0 || rejectedSpy.count > 0, 5000)
            compare(rejectedSpy.count, 0, rejectedSpy.count > 0 ? rejectedSpy.signalArguments[0][1] : "")
            const readingId = savedSpy.signalArguments[0][1]
            verify(TestEnv.setRegisterDigits(meter.meterId, digits))
            App.serverAddress = server
            App.syncNow()
            tryVerify(() => App.needsAttentionCount === 1 && !App.syncing, 30000, "the server refuses it")
            return readingId
        }

        function test_1_aRefusedReadingCorrectedInTheInboxIsAccepted() {
            // The meter was exchanged for one with a digit fewer.
            const digits = String(Math.floor(meter.lastValue)).length
            const readingId = recordRefusedReading(Math.floor(meter.lastValue) + 100, digits - 1)

            const page = createTemporaryObject(inboxComponent, root, { width: root.width, height: root.height })
            tryVerify(() => !page.loading && findChild(page, "card_rejected"), 5000, "the refused reading is in the inbox")
            const card = findChild(page, "card_rejected")
            const fix = findChild(card, "fixButton")
            compare(fix.text, "Correct the value")
            mouseClick(fix)
            const corrected = Math.floor(meter.lastValue) % Math.pow(10, digits - 1)
            const field = findChild(card, "correction")
            verify(field, "the correction field opens")
            typeInto(field, String(corrected))
            fixedSpy.clear()
            keyClick(Qt.Key_Return)  // as the phone keyboard's Done key
            fixedSpy.wait(5000)
            compare(App.needsAttentionCount, 0)

            App.syncNow()
            tryVerify(() => App.pendingCount === 0 && App.needsAttentionCount === 0 && !App.syncing, 30000,
                      "the correction is accepted on the next sync")
            const onServer = TestEnv.serverReading(readingId)
            verify(onServer.exists)
            compare(onServer.value, corrected)
        }

        function test_2_aDiscardIsConfirmedAndTakesTheReadingOffTheDevice() {
            // The device knows the smaller meter by now; the server has an
            // even smaller one.
            const digits = String(Math.floor(meter.lastValue)).length
            const readingId = recordRefusedReading(Math.floor(meter.lastValue) % Math.pow(10, digits - 1), digits - 2)

            const page = createTemporaryObject(inboxComponent, root, { width: root.width, height: root.height })
            tryVerify(() => !page.loading && findChild(page, "card_rejected"), 5000, "the refused reading is in the inbox")
            const discard = findChild(findChild(page, "card_rejected"), "discardButton")
            // Clicked once the card is laid out (its buttons wrap in a Flow).
            tryVerify(() => discard.visible && discard.width > 0, 3000)
            waitForRendering(discard)
            mouseClick(discard)
            // Nothing goes before the user confirms.
            wait(200)
            compare(App.needsAttentionCount, 1)
            tryVerify(() => page.discardConfirmation.opened, 2000, "the confirmation asks first")
            const confirm = findChild(page.discardConfirmation.contentItem, "confirmDiscard")
            verify(confirm)
            fixedSpy.clear()
            mouseClick(confirm)
            fixedSpy.wait(5000)
            compare(App.needsAttentionCount, 0)
            compare(App.pendingCount, 0)
            App.syncNow()
            tryVerify(() => !App.syncing && App.pendingCount === 0, 30000)
            verify(!TestEnv.serverReading(readingId).exists, "the discarded reading never reached the server")
        }
    }
}
