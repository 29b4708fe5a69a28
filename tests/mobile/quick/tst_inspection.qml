// An inspection on site, with no signal: the checklist of the template,
// required questions enforced (an incomplete one cannot be submitted), the
// GPS position with its accuracy, findings and outcome; submitted, it waits
// on the device and the next sync delivers it. A draft survives the page
// and the app going away, and is discarded only when the user confirms.
import QtQuick
import QtTest
import SecapField
import SecapFieldTest

Item {
    id: root
    width: 412
    height: 2400

    MeasuresModel {
        id: measures
        app: App
    }
    Component {
        id: pageComponent
        InspectionPage {
            width: root.width
            height: root.height
        }
    }
    SignalSpy {
        id: submittedSpy
        target: App
        signalName: "inspectionSubmitted"
    }

    TestCase {
        name: "Inspection"
        when: windowShown

        function initTestCase() {
            verify(TestEnv.serverRunning)
            if (!App.enrolled)
                App.enroll(TestEnv.enrollmentCode)
            tryVerify(() => App.enrolled, 20000, "the device enrolls")
            tryVerify(() => App.municipalityName === TestEnv.municipalityName && !App.syncing
                      && measures.count > 0, 60000, "the first pull brings the measures")
            tryVerify(() => App.pendingCount === 0 && !App.syncing, 60000, "nothing waits from other tests")
        }

        // The verification checklist and a completed measure at a site.
        function verificationTarget() {
            const templates = App.inspectionTemplates()
            const template = templates.find(t => t.fullName.indexOf("Measure verification") >= 0)
            verify(template, "the demo ships the verification checklist: " + JSON.stringify(templates))
            verify(templates.some(t => t.fullName.indexOf("SECAP internal audit") >= 0), "and the SECAP audit")
            for (let i = 0; i < measures.count; ++i) {
                const details = App.measureDetails(measures.get(i).measureId)
                if (details.status === 3 && (details.siteIds || []).length > 0)
                    return { templateId: template.id, siteId: details.siteIds[0], measureId: details.id }
            }
            fail("the demo town has a completed measure at a site")
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

        function tap(page, name) {
            const item = findChild(page, name)
            verify(item, name)
            tryVerify(() => item.visible && item.width > 0, 2000, name + " is shown")
            waitForRendering(item)
            mouseClick(item)
        }

        function test_1_aRequiredQuestionMissingCannotBeSubmitted() {
            const target = verificationTarget()
            const page = createTemporaryObject(pageComponent, root, target)
            tryVerify(() => page.form.ready, 5000, "a draft is started")
            const id = page.form.inspectionId
            compare(page.form.items.length, 7)

            tap(page, "implemented_as_planned_yes")
            compare(page.form.answers["implemented_as_planned"], true)
            tap(page, "step1")
            tap(page, "outcome1")
            compare(page.form.outcome, 1)

            TestEnv.stopServer()
            const pendingBefore = App.pendingCount
            submittedSpy.clear()
            tap(page, "submitButton")
            // Refused on the device, with the reason; the checklist shows
            // the first unanswered question.
            tryCompare(page, "errorText", Labels.reasonMessage("inspection.missing_answer", ""))
            compare(page.step, 0)
            verify(page.showProblems)
            verify(page.form.missing.indexOf("equipment_in_operation") >= 0)
            verify(page.form.missing.indexOf("condition") >= 0)
            verify(findChild(page, "item_condition").flagged, "the unanswered question is marked")
            wait(300)
            compare(submittedSpy.count, 0)
            compare(App.pendingCount, pendingBefore, "nothing was queued")

            // Answered: a decimal comma is a number too, and out of range is not.
            tap(page, "equipment_in_operation_yes")
            tap(page, "condition_good")
            typeInto(findChild(page, "installed_quantity_number"), "-3")
            verify(page.form.invalid.indexOf("installed_quantity") >= 0, "below its minimum")
            typeInto(findChild(page, "installed_quantity_number"), "12,5")
            compare(page.form.answers["installed_quantity"], 12.5)
            compare(page.form.missing.length, 0)
            compare(page.form.invalid.length, 0)

            // The position comes from the GPS (a recorded NMEA log here).
            tap(page, "step1")
            tryVerify(() => page.form.hasLocation, 15000, "the GPS gives a fix")
            fuzzyCompare(page.form.latitude, 53.1235, 1e-4)
            fuzzyCompare(page.form.longitude, 18.0084, 1e-4)
            fuzzyCompare(page.form.accuracy, 6, 0.01)
            findChild(page, "findingsField").text = "Stan zgodny z dokumentacją."
            verify(page.form.canSubmit)

            tap(page, "submitButton")
            submittedSpy.wait(10000)
            compare(submittedSpy.signalArguments[0][0], id)
            tryVerify(() => App.pendingCount > pendingBefore, 5000, "the inspection waits on the device")
            verify(!TestEnv.serverInspection(id).exists)

            verify(TestEnv.startServer())
            App.syncNow()
            tryVerify(() => App.pendingCount === 0 && !App.syncing, 60000, "the next sync empties the outbox")
            const onServer = TestEnv.serverInspection(id)
            verify(onServer.exists, "the server has the inspection")
            compare(onServer.outcome, 1)
            compare(onServer.answers, 4)
            compare(onServer.findings, "Stan zgodny z dokumentacją.")
            verify(onServer.hasLocation)
            fuzzyCompare(onServer.latitude, 53.1235, 1e-4)
            fuzzyCompare(onServer.accuracy, 6, 0.01)
        }

        function test_2_aDraftSurvivesTheAppGoingAway() {
            const target = verificationTarget()
            let page = pageComponent.createObject(root, target)
            tryVerify(() => page.form.ready, 5000, "a draft is started")
            const id = page.form.inspectionId
            tap(page, "implemented_as_planned_no")
            tap(page, "condition_minor_defects")
            tap(page, "step1")
            findChild(page, "findingsField").text = "Pęknięta obróbka blacharska przy attyce."
            const photo = findChild(page, "inspectionPhotos").draft
            photo.loadFile(TestEnv.testPhoto())
            tryVerify(() => page.form.photos.length === 1, 10000, "the photo is kept with the draft")
            tryVerify(() => TestEnv.draftOnDisk(App.dataDir, id).findings === "Pęknięta obróbka blacharska przy attyce.",
                      5000, "the draft is written to the device")

            // The page goes (the app is closed or killed): the draft is on disk.
            page.destroy()
            wait(50)
            tryVerify(() => TestEnv.draftOnDisk(App.dataDir, id).exists, 5000)
            const onDisk = TestEnv.draftOnDisk(App.dataDir, id)
            compare(onDisk.answers, 2)
            compare(onDisk.photos, 1)

            // Continued later: everything is back.
            page = createTemporaryObject(pageComponent, root, { draftId: id })
            tryVerify(() => page.form.ready, 5000, "the draft opens")
            compare(page.form.answers["implemented_as_planned"], false)
            compare(page.form.answers["condition"], "minor_defects")
            compare(page.form.photos.length, 1)
            compare(page.form.missing, ["equipment_in_operation"])
            tap(page, "step1")
            compare(findChild(page, "findingsField").text, "Pęknięta obróbka blacharska przy attyce.")

            // Nothing is discarded without the user confirming it.
            tap(page, "discardButton")
            const dialog = findChild(page, "discardDialog")
            tryVerify(() => dialog.opened, 3000)
            verify(TestEnv.draftOnDisk(App.dataDir, id).exists)
            mouseClick(findChild(dialog.contentItem, "confirmDiscard"))
            tryVerify(() => !TestEnv.draftOnDisk(App.dataDir, id).exists, 5000, "the confirmed discard removes it")
            compare(App.pendingCount, 0, "a draft never reaches the outbox")
        }
    }
}
