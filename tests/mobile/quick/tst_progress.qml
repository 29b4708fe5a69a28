// Field staff report a measure's progress with no signal: the update and its
// photo wait on the device, the lists show them at once, and the next sync
// delivers both to the server. Bad input is refused with the reason and
// costs nothing. The offline progress view equals the server's report.
import QtQuick
import QtTest
import SecapField
import SecapFieldTest

Item {
    id: root
    // A phone's width; tall enough that the whole form is on screen, so a
    // click lands on the button as a tap would after scrolling.
    width: 412
    height: 2400

    MeasuresModel {
        id: measures
        app: App
    }
    Component {
        id: formComponent
        ProgressFormPage {}
    }
    Component {
        id: progressComponent
        MunicipalityProgress {
            app: App
        }
    }
    SignalSpy {
        id: savedSpy
        target: App
        signalName: "progressSaved"
    }
    SignalSpy {
        id: rejectedSpy
        target: App
        signalName: "progressRejected"
    }

    TestCase {
        name: "Progress"
        when: windowShown

        function initTestCase() {
            verify(TestEnv.serverRunning)
            if (!App.enrolled)
                App.enroll(TestEnv.enrollmentCode)
            tryVerify(() => App.enrolled, 20000, "the device enrolls")
            tryVerify(() => App.municipalityName === TestEnv.municipalityName && !App.syncing
                      && App.pendingCount === 0 && measures.count > 0, 60000, "the first pull brings the measures")
        }

        // A measure under way (the demo's electric buses, for one).
        function ongoingRow() {
            for (let i = 0; i < measures.count; ++i) {
                if (measures.get(i).status === 2)
                    return measures.get(i)
            }
            return null
        }

        // Types as a person does: focus the field, then key by key.
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

        function openForm(measureId) {
            const page = createTemporaryObject(formComponent, root,
                                               { measureId: measureId, width: root.width, height: root.height })
            verify(page)
            return page
        }

        function test_1_progressOfflineWaitsAndSyncs() {
            const row = ongoingRow()
            verify(row, "the demo town has a measure under way")
            const updatesBefore = row.updateCount
            TestEnv.stopServer()

            const page = openForm(row.measureId)
            findChild(page, "percentField").text = "75"
            findChild(page, "spentField").text = "1 234 567,5"
            findChild(page, "noteField").text = "Trzy autobusy odebrane."
            page.addIndicator("trees_planted", "pcs")
            typeInto(findChild(page, "indicatorValue" + (page.indicatorCount - 1)), "120")
            const photo = findChild(page, "photoField").draft
            photo.loadFile(TestEnv.testPhoto())
            tryVerify(() => photo.hasPhoto && !photo.busy, 10000, "the photo is attached")

            const pendingBefore = App.pendingCount
            savedSpy.clear()
            mouseClick(findChild(page, "saveButton"))
            savedSpy.wait(10000)
            const updateId = savedSpy.signalArguments[0][1]

            // Saved on the device, waiting: the update and its photo.
            tryVerify(() => App.pendingCount > pendingBefore, 5000, "the pending count rises")
            compare(App.pendingPhotoCount, 1)
            tryVerify(() => {
                for (let i = 0; i < measures.count; ++i) {
                    const r = measures.get(i)
                    if (r.measureId === row.measureId)
                        return r.percent === 75 && r.updateCount === updatesBefore + 1
                }
                return false
            }, 5000, "the list shows the new figure offline")
            verify(!TestEnv.serverProgressUpdate(updateId).exists)

            // Back online: one sync delivers the update, then its photo.
            verify(TestEnv.startServer())
            App.syncNow()
            tryVerify(() => App.pendingCount === 0 && App.pendingPhotoCount === 0 && !App.syncing, 60000,
                      "the next sync empties the outbox")
            const onServer = TestEnv.serverProgressUpdate(updateId)
            verify(onServer.exists, "the server has the update")
            compare(onServer.status, 2)
            compare(onServer.percent, 75)
            compare(onServer.spent, 1234567.5)
            compare(onServer.note, "Trzy autobusy odebrane.")
            verify(onServer.indicators.some(i => i.key === "trees_planted" && i.value === 120 && i.unit === "pcs"),
                   JSON.stringify(onServer.indicators))
            compare(onServer.attachmentIds, 1)
            compare(onServer.photosStored, 1, "the photo's bytes reached the server")
        }

        function test_2_badInputIsRefusedWithItsReason() {
            const row = ongoingRow()
            const page = openForm(row.measureId)
            const pendingBefore = App.pendingCount

            // Over 100 %: the shared validation refuses it.
            findChild(page, "percentField").text = "150"
            rejectedSpy.clear()
            mouseClick(findChild(page, "saveButton"))
            rejectedSpy.wait(5000)
            compare(rejectedSpy.signalArguments[0][1], "progress.bad_percent")
            compare(page.errorText, Labels.reasonMessage("progress.bad_percent", ""))

            // An indicator with a value but no name.
            findChild(page, "percentField").text = "80"
            page.addIndicator("", "")
            typeInto(findChild(page, "indicatorValue" + (page.indicatorCount - 1)), "12")
            rejectedSpy.clear()
            mouseClick(findChild(page, "saveButton"))
            rejectedSpy.wait(5000)
            compare(rejectedSpy.signalArguments[0][1], "progress.bad_indicator")

            // Text that is not a number.
            findChild(page, "spentField").text = "dużo"
            rejectedSpy.clear()
            mouseClick(findChild(page, "saveButton"))
            rejectedSpy.wait(5000)
            compare(rejectedSpy.signalArguments[0][1], "input.not_a_number")

            compare(App.pendingCount, pendingBefore, "nothing was saved")
        }

        function test_3_offlineReportEqualsTheServers() {
            const progress = createTemporaryObject(progressComponent, root)
            tryVerify(() => !progress.loading && progress.report.available === true, 30000)
            const device = progress.report
            const server = TestEnv.serverReport()
            verify(server.available)
            fuzzyCompare(device.bei.tCo2, server.bei.tCo2, 1e-6)
            compare(device.meis.length, server.meis.length)
            fuzzyCompare(device.reduction.reductionPct, server.reduction.reductionPct, 1e-9)
            compare(device.reduction.onTrack, server.reduction.onTrack)
            compare(device.measureCount, server.measureCount)
            compare(device.byStatus.length, server.byStatus.length)
            for (let i = 0; i < server.byStatus.length; ++i) {
                compare(device.byStatus[i].status, server.byStatus[i].status)
                compare(device.byStatus[i].measures, server.byStatus[i].measures)
                fuzzyCompare(device.byStatus[i].spent, server.byStatus[i].spent, 0.01)
            }
            compare(device.verifiedMeasures, server.verifiedMeasures)
            fuzzyCompare(device.verifiedSavingsMwh, server.verifiedSavingsMwh, 0.01)
        }
    }
}
