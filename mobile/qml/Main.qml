// The app window: toolbar and sync status always on top, then either the
// enrollment page or the navigation in three sections chosen at the bottom:
// sites (→ site → meter), measures (→ measure → add progress) and the
// municipality's progress; settings from the toolbar. Phones show one page
// at a time; wide screens (tablets) show the section's list next to the
// details.
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import SecapField

ApplicationWindow {
    id: window

    // Set by main() for --kiosk, --kiosk-idle-seconds and --kiosk-languages.
    property bool kiosk: false
    property int kioskIdleMs: 60000
    property var kioskLanguages: []
    // Set by main(): Qt Virtual Keyboard is the input method (the kiosk).
    property bool virtualKeyboard: false
    // Set by main() for --self-test and --screenshots: never full screen, so
    // the harness renders a kiosk at the sizes it sets.
    property bool windowed: false
    // Set by the self-test and screenshot harness: no transitions.
    property bool reduceMotion: false
    // Lets the harness render the enrollment page of an enrolled device.
    property bool previewEnrollment: false
    // Lets the harness render the enrollment page as on a device with a
    // camera (CI has none).
    property bool previewCamera: false
    property string selectedSiteId
    property string selectedMeasureId
    // "sites", "measures", "progress" or "inbox".
    property string section: "sites"

    // Kiosk mode (DESIGN.md §7): --kiosk, or a device enrolled as a kiosk.
    readonly property bool kioskMode: App.enrolled && !previewEnrollment && (kiosk || previewKiosk || App.role === "kiosk")
    // Lets the harness render the kiosk's screens in a window (not fullscreen).
    property bool previewKiosk: false
    readonly property bool wide: width >= Theme.wideBreakpoint
    readonly property int sitesPaneWidth: Math.min(400, Math.round(width * 0.36))
    readonly property bool enrollmentShown: !App.enrolled || previewEnrollment
    readonly property bool canGoBack: !enrollmentShown && stack.depth > 1
    // Wide screens keep a list on the left for sites and measures.
    readonly property bool listPane: wide && (section === "sites" || section === "measures")

    function navOperation() {
        return reduceMotion ? StackView.Immediate : StackView.PushTransition
    }

    function openSite(siteId) {
        selectedSiteId = siteId
        if (wide)
            stack.replace(null, siteComponent, { "siteId": siteId }, reduceMotion ? StackView.Immediate
                                                                                   : StackView.ReplaceTransition)
        else
            stack.push(siteComponent, { "siteId": siteId }, navOperation())
    }

    function openMeasure(measureId) {
        selectedMeasureId = measureId
        if (wide)
            stack.replace(null, measureComponent, { "measureId": measureId }, reduceMotion ? StackView.Immediate
                                                                                         : StackView.ReplaceTransition)
        else
            stack.push(measureComponent, { "measureId": measureId }, navOperation())
    }

    function openProgressForm(measureId) {
        stack.push(progressFormComponent, { "measureId": measureId }, navOperation())
    }

    // The inspection wizard: a new one ({templateId, siteId, measureId,
    // amendsId}) or a draft ({draftId}).
    function openInspection(props) {
        stack.push(inspectionComponent, props, navOperation())
    }

    function openInspectionItem(inspectionId, isDraft) {
        if (isDraft)
            openInspection({ "draftId": inspectionId })
        else
            stack.push(inspectionViewComponent, { "inspectionId": inspectionId }, navOperation())
    }

    function selectSection(key) {
        section = key
        resetNavigation()
    }

    // From the readings due: straight to the meter's reading.
    function openDueMeter(meterId) {
        if (wide)
            stack.replace(null, meterComponent, { "meterId": meterId }, reduceMotion ? StackView.Immediate
                                                                                     : StackView.ReplaceTransition)
        else
            stack.push(meterComponent, { "meterId": meterId }, navOperation())
    }

    // A scanned label: the meter, with its site behind it.
    function openScannedMeter(meterId, siteId) {
        section = "sites"
        resetNavigation()
        openSite(siteId)
        openMeter(meterId)
    }

    function openMeter(meterId) {
        stack.push(meterComponent, { "meterId": meterId }, navOperation())
    }

    function openSettings() {
        if (stack.currentItem && stack.currentItem.objectName === "settingsPage")
            return
        stack.push(settingsComponent, {}, navOperation())
    }

    function goBack() {
        if (stack.depth <= 1)
            return false
        stack.pop(null, reduceMotion ? StackView.Immediate : StackView.PopTransition)
        if (stack.depth === 1 && !wide) {
            selectedSiteId = ""
            selectedMeasureId = ""
        }
        return true
    }

    // The page at the bottom of the stack for the current section.
    function rootComponent() {
        if (section === "progress")
            return progressComponent
        if (section === "inbox")
            return inboxComponent
        if (wide)
            return placeholderComponent
        return section === "measures" ? measuresComponent : sitesComponent
    }

    function resetNavigation() {
        selectedSiteId = ""
        selectedMeasureId = ""
        const root = rootComponent()
        stack.replace(null, root, root === placeholderComponent ? { "section": section } : {}, StackView.Immediate)
    }

    // The verification of a completed measure on site, half filled in: the
    // draft of an earlier run is continued, so runs do not pile drafts up.
    function showInspectionWizard(conclusion) {
        const templates = App.inspectionTemplates()
        let template = templates.find(t => t.fullName.indexOf("verification") >= 0) || templates[0]
        if (!template)
            return false
        let measureId = ""
        let siteId = ""
        for (let i = 0; i < probeMeasures.count && !measureId; ++i) {
            const details = App.measureDetails(probeMeasures.get(i).measureId)
            if ((details.siteIds || []).length > 0 && details.status === 3) {
                measureId = details.id
                siteId = details.siteIds[0]
            }
        }
        if (!measureId)
            return false
        openMeasure(measureId)
        probeInspections.measureId = measureId
        let draftId = ""
        for (let r = 0; r < probeInspections.count; ++r) {
            if (probeInspections.get(r).isDraft)
                draftId = probeInspections.get(r).inspectionId
        }
        openInspection(draftId ? { "draftId": draftId }
                               : { "templateId": template.id, "siteId": siteId, "measureId": measureId })
        stack.currentItem.previewInput()
        if (conclusion)
            stack.currentItem.goToStep(1)
        return App.enrolled
    }

    // Used by --self-test and --screenshots: shows a named screen with the
    // first data that fits it. Returns false when there is nothing to show.
    function showScreen(name) {
        previewKiosk = name.startsWith("kiosk_")
        if (previewKiosk) {
            previewEnrollment = false
            previewCamera = false
            return kioskLoader.item ? kioskLoader.item.showScreen(name) : false
        }
        previewEnrollment = name === "enrollment" || name === "enrollment_camera"
        previewCamera = name === "enrollment_camera"
        if (previewEnrollment)
            return true
        section = name === "measures" || name === "measure" || name === "progress_form"
                  || name.startsWith("inspection") ? "measures"
                : name === "progress" ? "progress" : name === "inbox" ? "inbox" : "sites"
        resetNavigation()
        if (wide && sitesPane.item && sitesPane.item.showDue !== undefined)
            sitesPane.item.showDue = false
        if (name === "progress" || name === "measures")
            return App.enrolled
        if (name === "inbox")
            return App.enrolled && attention.count > 0
        if (name === "measure" || name === "progress_form") {
            // The measure with the longest history makes the fullest screen;
            // progress is added to one under way.
            let best = -1
            const score = i => probeMeasures.get(i).updateCount
                               + (name === "progress_form" && probeMeasures.get(i).status === 2 ? 1000 : 0)
            for (let i = 0; i < probeMeasures.count; ++i) {
                if (best < 0 || score(i) > score(best))
                    best = i
            }
            if (best < 0)
                return false
            openMeasure(probeMeasures.get(best).measureId)
            if (name === "progress_form") {
                openProgressForm(probeMeasures.get(best).measureId)
                stack.currentItem.previewInput()
            }
            return App.enrolled
        }
        if (name === "inspection" || name === "inspection_conclusion")
            return showInspectionWizard(name === "inspection_conclusion")
        if (name === "inspection_view") {
            // A measure's submitted verification, with its photo.
            for (let i = 0; i < probeMeasures.count; ++i) {
                probeInspections.measureId = probeMeasures.get(i).measureId
                for (let r = 0; r < probeInspections.count; ++r) {
                    const row = probeInspections.get(r)
                    if (!row.isDraft) {
                        openMeasure(probeMeasures.get(i).measureId)
                        openInspectionItem(row.inspectionId, false)
                        return App.enrolled
                    }
                }
            }
            return false
        }
        if (name === "sites")
            return App.enrolled
        if (name === "readings_due") {
            const list = wide ? sitesPane.item : stack.currentItem
            if (!list)
                return false
            list.showDue = true
            return App.enrolled
        }
        if (name === "settings") {
            openSettings()
            return App.enrolled
        }
        // Sites with the most meters first: they make the fullest screens.
        let sites = []
        for (let i = 0; i < probeSites.count; ++i) {
            if (probeSites.get(i).meterCount > 0)
                sites.push(probeSites.get(i))
        }
        sites.sort((a, b) => b.meterCount - a.meterCount)
        if (sites.length === 0)
            return false
        if (name === "site") {
            openSite(sites[0].siteId)
            return App.enrolled
        }
        // Meter screens: the first meter that has readings.
        let site = null
        let meter = null
        // The photo screen wants a meter whose readings have photos here.
        const withPhoto = meterId => {
            probeReadings.meterId = meterId
            for (let r = 0; r < probeReadings.count; ++r) {
                const url = probeReadings.get(r).photoUrl
                if (url && url.toString().length > 0)
                    return true
            }
            return false
        }
        for (let k = 0; k < sites.length && !meter; ++k) {
            probeMeters.siteId = sites[k].siteId
            for (let j = 0; j < probeMeters.count && !meter; ++j) {
                const candidate = probeMeters.get(j)
                if (candidate.hasLastReading && (name !== "meter_photo" || withPhoto(candidate.meterId))) {
                    site = sites[k]
                    meter = candidate
                }
            }
        }
        if (!meter)
            return false
        openSite(site.siteId)
        openMeter(meter.meterId)
        if (name === "meter_warning") {
            // A register read with one digit wrong: lower than the last one.
            stack.currentItem.previewInput(App.formatNumber(Math.max(0, Math.floor(meter.lastValue * 0.9))))
        }
        if (name === "meter_photo") {
            // A new reading with a photo attached (one from the history).
            stack.currentItem.previewInput(App.formatNumber(Math.floor(meter.lastValue) + 412))
            return stack.currentItem.previewPhoto() && App.enrolled
        }
        return App.enrolled
    }

    width: 412
    height: 915
    minimumWidth: 320
    minimumHeight: 480
    visible: true
    visibility: !windowed && (kiosk || App.role === "kiosk") ? Window.FullScreen : Window.AutomaticVisibility
    title: qsTr("SECAP Field")
    color: Theme.background
    font.pixelSize: Theme.fontBody

    Material.theme: Material.Light
    Material.primary: Theme.primary
    Material.accent: Theme.primary
    Material.foreground: Theme.textPrimary
    Material.background: Theme.background

    onWideChanged: resetNavigation()

    onEnrollmentShownChanged: if (!enrollmentShown) resetNavigation()

    SitesModel {
        id: probeSites
        app: App
    }
    MetersModel {
        id: probeMeters
        app: App
    }
    MeasuresModel {
        id: probeMeasures
        app: App
    }
    InspectionsModel {
        id: probeInspections
        app: App
    }
    // The inbox's count for the navigation badge.
    NeedsAttentionModel {
        id: attention
        app: App
    }
    ReadingsModel {
        id: probeReadings
        app: App
        limit: 5
    }

    header: ColumnLayout {
        spacing: 0
        // The wall tablet shows its board only.
        visible: !window.kioskMode

        ToolBar {
            Layout.fillWidth: true
            implicitHeight: 56
            Material.background: Theme.primary
            Material.foreground: Theme.textOnPrimary
            Material.elevation: 0

            RowLayout {
                anchors.fill: parent
                anchors.rightMargin: Theme.spacingXs
                spacing: 0

                // Wide screens: the municipality above the sites pane.
                Label {
                    Layout.preferredWidth: window.sitesPaneWidth
                    Layout.fillHeight: true
                    visible: window.listPane && !window.enrollmentShown
                    leftPadding: Theme.spacingL + 4
                    verticalAlignment: Text.AlignVCenter
                    text: App.municipalityName.length > 0 ? App.municipalityName
                                                          : (window.section === "measures" ? qsTr("Measures") : qsTr("Sites"))
                    font.pixelSize: Theme.fontTitle + 2
                    font.weight: Font.DemiBold
                    color: Theme.textOnPrimary
                    elide: Text.ElideRight
                    Accessible.role: Accessible.Heading
                }

                HeaderButton {
                    Layout.leftMargin: Theme.spacingXs
                    visible: window.canGoBack
                    iconName: "back"
                    text: qsTr("Back")
                    onClicked: window.goBack()
                }

                Label {
                    Layout.fillWidth: true
                    leftPadding: window.canGoBack ? Theme.spacingXs : Theme.spacingL + 4
                    text: window.enrollmentShown ? qsTr("SECAP Field")
                          : (stack.currentItem && !(window.listPane && stack.depth === 1
                                                     && stack.currentItem.objectName === "placeholderPage")
                             ? stack.currentItem.title : "")
                    font.pixelSize: Theme.fontTitle + 2
                    font.weight: Font.DemiBold
                    color: Theme.textOnPrimary
                    elide: Text.ElideRight
                    Accessible.role: Accessible.TitleBar
                }

                HeaderButton {
                    visible: !window.enrollmentShown
                    enabled: App.syncEnabled && !App.syncing
                    iconName: "sync"
                    spinning: App.syncing
                    text: qsTr("Sync now")
                    onClicked: App.syncNow()
                }
                HeaderButton {
                    visible: !window.enrollmentShown
                             && !(stack.currentItem && stack.currentItem.objectName === "settingsPage")
                    iconName: "settings"
                    text: qsTr("Settings")
                    onClicked: window.openSettings()
                }
            }
        }

        StatusStrip {
            Layout.fillWidth: true
        }
    }

    footer: NavBar {
        visible: !window.enrollmentShown && !window.kioskMode
        current: window.section
        items: [
            { key: "sites", label: qsTr("Sites"), icon: "building" },
            { key: "measures", label: qsTr("Measures"), icon: "checklist" },
            { key: "progress", label: qsTr("Progress"), icon: "trendingDown" },
            { key: "inbox", label: qsTr("Attention"), icon: "warning", badge: attention.count }
        ]
        onActivated: key => window.selectSection(key)
    }

    Item {
        id: navigation
        anchors.fill: parent
        visible: !window.enrollmentShown

        Loader {
            id: sitesPane
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: active ? window.sitesPaneWidth : 0
            active: window.listPane
            sourceComponent: window.section === "measures" ? measuresComponent : sitesComponent
        }

        Rectangle {
            id: paneDivider
            anchors.left: sitesPane.right
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: window.listPane ? 1 : 0
            color: Theme.border
        }

        StackView {
            id: stack
            anchors.left: paneDivider.right
            anchors.right: parent.right
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            focus: true
            initialItem: window.wide ? placeholderComponent : sitesComponent

            Keys.onBackPressed: event => {
                event.accepted = window.goBack()
            }
        }
    }

    Loader {
        anchors.fill: parent
        active: window.enrollmentShown
        sourceComponent: EnrollmentPage {
            previewCamera: window.previewCamera
        }
    }

    // The wall tablet: the public board over everything (the toolbar, the
    // navigation and the sync strip stay underneath, never reachable).
    Loader {
        id: kioskLoader
        objectName: "kioskLoader"
        anchors.fill: parent
        z: 20
        active: window.kioskMode
        focus: active
        sourceComponent: KioskPage {
            idleMs: window.kioskIdleMs
            languages: window.kioskLanguages
            virtualKeyboard: window.virtualKeyboard
            onExitRequested: Qt.quit()
        }
        // Hardware back and Escape do nothing on the board.
        Keys.onBackPressed: event => event.accepted = true
        Keys.onEscapePressed: event => event.accepted = true
    }

    // Closing the window needs the admin PIN in kiosk mode.
    onClosing: close => {
        if (window.kioskMode && !(kioskLoader.item && kioskLoader.item.unlocked))
            close.accepted = false
    }

    Shortcut {
        sequences: [StandardKey.Back]
        enabled: window.canGoBack
        onActivated: window.goBack()
    }

    Toast {
        id: toast
        anchors.horizontalCenter: parent.horizontalCenter
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.spacingXl
        z: 10
    }

    Connections {
        target: App
        function onReadingSaved(meterId, readingId, value) {
            toast.show(App.online ? qsTr("Reading saved")
                                  : qsTr("Reading saved on this device. It will sync when online."))
        }
        function onProgressSaved(measureId, updateId) {
            toast.show(App.online ? qsTr("Progress saved")
                                  : qsTr("Progress saved on this device. It will sync when online."))
        }
        function onEnrollFinished(ok, errorCode, message) {
            if (ok)
                toast.show(qsTr("Device enrolled. Syncing…"))
        }
        function onErrorChanged() {
            // A photo that failed after its reading was saved is told here
            // too, for a user who has already left the meter page.
            if (App.errorType === App.StorageError || App.errorType === App.PhotoError)
                toast.show(Labels.reasonMessage(App.errorCode, App.errorString))
        }
    }

    Component {
        id: sitesComponent
        SitesPage {
            currentSiteId: window.selectedSiteId
            onSiteActivated: siteId => window.openSite(siteId)
            onMeterActivated: meterId => window.openDueMeter(meterId)
            onScanRequested: labelScanner.start()
        }
    }

    LabelScanner {
        id: labelScanner
        objectName: "labelScanner"
        onMeterFound: (meterId, siteId) => window.openScannedMeter(meterId, siteId)
        onUnknownLabel: label => toast.show(qsTr("No meter on this device has the label “%1”. Check the label, or sync and scan again.").arg(label))
        onFailed: message => toast.show(message)
    }
    Component {
        id: siteComponent
        SitePage {
            onMeterActivated: meterId => window.openMeter(meterId)
            onMeasureActivated: measureId => stack.push(measureComponent, { "measureId": measureId },
                                                        window.navOperation())
            onInspectionStartRequested: (templateId, siteId) => window.openInspection({ "templateId": templateId,
                                                                                        "siteId": siteId })
            onInspectionActivated: (inspectionId, isDraft) => window.openInspectionItem(inspectionId, isDraft)
        }
    }
    Component {
        id: meterComponent
        MeterPage {}
    }
    Component {
        id: measuresComponent
        MeasuresPage {
            currentMeasureId: window.selectedMeasureId
            onMeasureActivated: measureId => window.openMeasure(measureId)
        }
    }
    Component {
        id: measureComponent
        MeasurePage {
            id: measurePage
            onAddProgressRequested: measureId => window.openProgressForm(measureId)
            onEditRequested: measureId => stack.push(measureEditComponent, { "measureId": measureId },
                                                     window.navOperation())
            onInspectionStartRequested: (templateId, siteId) => window.openInspection({
                "templateId": templateId, "siteId": siteId, "measureId": measurePage.measureId })
            onInspectionActivated: (inspectionId, isDraft) => window.openInspectionItem(inspectionId, isDraft)
        }
    }
    Component {
        id: progressFormComponent
        ProgressFormPage {
            onSaved: window.goBack()
        }
    }
    Component {
        id: measureEditComponent
        MeasureEditPage {
            objectName: "measureEditPage"
            onSaved: {
                window.goBack()
                toast.show(qsTr("Plan saved"))
            }
        }
    }
    Component {
        id: inspectionComponent
        InspectionPage {
            objectName: "inspectionPage"
            onSubmitted: inspectionId => {
                window.goBack()
                toast.show(App.online ? qsTr("Inspection submitted")
                                      : qsTr("Inspection submitted on this device. It will sync when online."))
            }
            onDiscarded: {
                window.goBack()
                toast.show(qsTr("Draft discarded"))
            }
        }
    }
    Component {
        id: inspectionViewComponent
        InspectionViewPage {
            objectName: "inspectionViewPage"
            onAmendRequested: inspectionId => window.openInspection({ "amendsId": inspectionId })
        }
    }
    Component {
        id: inboxComponent
        InboxPage {
            objectName: "inboxPage"
            onMeterRequested: meterId => window.openMeter(meterId)
        }
    }
    Component {
        id: progressComponent
        ProgressPage {
            objectName: "progressPage"
        }
    }
    Component {
        id: settingsComponent
        SettingsPage {
            objectName: "settingsPage"
        }
    }
    Component {
        id: placeholderComponent
        PlaceholderPage {
            objectName: "placeholderPage"
        }
    }
}
