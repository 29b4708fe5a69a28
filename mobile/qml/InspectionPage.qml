// The inspection wizard (DESIGN.md §7): the checklist of the template in the
// app's language, then the conclusion: where (GPS, or none), photos,
// findings and the outcome, and Submit. Everything typed is kept on the
// device as a draft at once, so leaving, a call or the app being killed
// loses nothing; the draft is continued from the site's or measure's page.
// Submitted, it is saved as an immutable inspection and syncs later.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    // A new inspection: the checklist and where; or an open draft.
    property string templateId
    property string siteId
    property string measureId
    property string amendsId
    property string draftId
    // 0: the checklist; 1: position, photos, findings, outcome, submit.
    property int step: 0
    property bool showProblems: false
    property string errorText
    readonly property alias form: form
    readonly property var site: App.siteDetails(form.siteId)
    readonly property var measure: App.measureDetails(form.measureId)
    readonly property int itemCount: form.items.length
    signal submitted(string inspectionId)
    signal discarded()

    function goToStep(s) {
        step = s
        flick.contentY = 0
    }

    // Shows the first question that keeps the inspection from being submitted.
    function showFirstProblem() {
        showProblems = true
        const keys = form.missing.concat(form.invalid)
        if (keys.length === 0) {
            goToStep(1)
            return
        }
        step = 0
        Qt.callLater(() => {
            for (let i = 0; i < checklist.count; ++i) {
                const item = checklist.itemAt(i)
                if (item && keys.indexOf(item.item.key) >= 0) {
                    flick.contentY = Math.max(0, Math.min(item.y + checklistColumn.y - Theme.spacingL,
                                                          flick.contentHeight - flick.height))
                    return
                }
            }
        })
    }

    function submit() {
        errorText = ""
        form.saveNow()
        form.submit()
    }

    function coordinateText(value) {
        return Number(value).toLocaleString(Qt.locale(), "f", 5)
    }

    // For the screenshot harness: a checklist half answered.
    function previewInput() {
        for (let i = 0; i < form.items.length; ++i) {
            const item = form.items[i]
            if (item.kind === "yes_no" && i < 3)
                form.setYesNo(item.key, true)
            else if (item.kind === "choice" && item.choices.length > 0 && i < 4)
                form.setChoice(item.key, item.choices[0].key)
        }
        form.setLocation(53.12345, 18.00072, 6)
        form.findings = (qsTr("Installation complete and running; the as-built documents are missing the inverter's serial number."))
    }

    title: form.ready ? (page.amendsId.length > 0 || form.amendsId.length > 0 ? qsTr("Amend inspection") : qsTr("Inspection"))
                      : qsTr("Inspection")
    background: Rectangle { color: Theme.background }

    InspectionForm {
        id: form
        objectName: "inspectionForm"
        app: App
        onSubmitted: id => page.submitted(id)
        onDiscarded: page.discarded()
        onSubmitFailed: (code, message) => {
            page.errorText = Labels.reasonMessage(code, message)
            if (code === "inspection.missing_answer" || code === "inspection.bad_answer")
                page.showFirstProblem()
        }
        onSaveFailed: (code, message) => page.errorText = Labels.reasonMessage(code, message)
    }

    LocationProbe {
        id: probe
        objectName: "locationProbe"
        onStateChanged: {
            if (state === LocationProbe.Fixed)
                form.setLocation(latitude, longitude, accuracy)
        }
    }

    Component.onCompleted: {
        const ok = draftId.length > 0 ? form.open(draftId) : form.startNew(templateId, siteId, measureId, amendsId)
        if (!ok) {
            errorText = qsTr("This inspection cannot be opened: its checklist or draft is not on this device.")
            return
        }
        if (!form.hasLocation)
            probe.locate()
    }
    Component.onDestruction: form.saveNow()

    // Going to the background may be the last chance to write.
    Connections {
        target: Qt.application
        function onStateChanged() {
            if (Qt.application.state !== Qt.ApplicationActive)
                form.saveNow()
        }
    }

    Dialog {
        id: discardDialog
        objectName: "discardDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 2 * Theme.spacingXl : 360, 420)
        modal: true
        title: qsTr("Discard this draft?")
        standardButtons: Dialog.NoButton

        contentItem: ColumnLayout {
            spacing: Theme.spacingL
            Label {
                Layout.fillWidth: true
                text: qsTr("The answers and photos of this draft are deleted from the device. This cannot be undone.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.textPrimary
            }
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                SecondaryButton {
                    Layout.fillWidth: true
                    text: qsTr("Keep it")
                    onClicked: discardDialog.close()
                }
                SecondaryButton {
                    objectName: "confirmDiscard"
                    Layout.fillWidth: true
                    destructive: true
                    iconName: "delete"
                    text: qsTr("Discard")
                    onClicked: {
                        discardDialog.close()
                        form.discard()
                    }
                }
            }
        }
    }

    // The steps, and how much of the checklist is answered.
    Rectangle {
        id: stepBar
        anchors.left: parent.left
        anchors.right: parent.right
        height: stepColumn.implicitHeight + Theme.spacingS
        color: Theme.surface
        z: 2
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 1
            color: Theme.divider
        }
        ColumnLayout {
            id: stepColumn
            anchors.left: parent.left
            anchors.right: parent.right
            spacing: 0
            RowLayout {
                Layout.fillWidth: true
                spacing: 0
                Repeater {
                    model: [qsTr("1  Checklist"), qsTr("2  Conclusion")]
                    delegate: TabButton {
                        id: stepTab
                        required property string modelData
                        required property int index
                        objectName: "step" + index
                        Layout.fillWidth: true
                        implicitHeight: Theme.touchTarget
                        text: modelData
                        checked: page.step === index
                        font.pixelSize: Theme.fontBody
                        font.weight: checked ? Font.DemiBold : Font.Normal
                        onClicked: page.goToStep(index)
                        contentItem: Label {
                            text: stepTab.text
                            font: stepTab.font
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                            color: stepTab.checked ? Theme.primary : Theme.textSecondary
                        }
                        background: Rectangle {
                            color: Theme.surface
                            Rectangle {
                                anchors.left: parent.left
                                anchors.right: parent.right
                                anchors.bottom: parent.bottom
                                height: 3
                                visible: stepTab.checked
                                color: Theme.primary
                            }
                        }
                    }
                }
            }
            RowLayout {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingL
                Layout.rightMargin: Theme.spacingL
                Layout.topMargin: Theme.spacingS
                spacing: Theme.spacingM
                PercentBar {
                    Layout.fillWidth: true
                    implicitHeight: 6
                    percent: page.itemCount > 0 ? 100 * form.answeredCount / page.itemCount : 0
                    barColor: form.missing.length === 0 ? Theme.accent : Theme.primary
                }
                Label {
                    objectName: "answeredLabel"
                    text: qsTr("%1 of %2 answered").arg(form.answeredCount).arg(page.itemCount)
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
            }
        }
    }

    Flickable {
        id: flick
        anchors.top: stepBar.bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        contentWidth: width
        contentHeight: (page.step === 0 ? checklistColumn.implicitHeight : conclusion.implicitHeight) + 2 * Theme.spacingL
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        // Step 1: the checklist.
        ColumnLayout {
            id: checklistColumn
            visible: page.step === 0
            x: Math.max(Theme.spacingL, (parent.width - Theme.maxContentWidth) / 2)
            y: Theme.spacingL
            width: Math.min(parent.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            spacing: Theme.spacingM

            ColumnLayout {
                Layout.fillWidth: true
                spacing: 2
                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingXs
                    AppIcon {
                        name: "checklist"
                        color: Theme.primary
                        size: 18
                    }
                    Label {
                        Layout.fillWidth: true
                        text: form.templateName
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        color: Theme.primary
                        elide: Text.ElideRight
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: page.measure.exists ? (page.measure.code ? page.measure.code + "  " : "") + page.measure.title
                                              : (page.site.exists ? page.site.name : "")
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.Heading
                }
                Label {
                    Layout.fillWidth: true
                    visible: page.measure.exists && page.site.exists
                    text: page.site.exists ? page.site.name : ""
                    font.pixelSize: Theme.fontBody
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: form.amendsId.length > 0
                    text: qsTr("Amends an earlier inspection: its answers are filled in. Change what was wrong.")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.warning
                    wrapMode: Text.Wrap
                }
            }

            Repeater {
                id: checklist
                model: form.ready ? form.items : []
                delegate: ChecklistItem {
                    required property var modelData
                    required property int index
                    Layout.fillWidth: true
                    item: modelData
                    number: index + 1
                    form: page.form
                    showMissing: page.showProblems
                }
            }

            PrimaryButton {
                objectName: "nextButton"
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                visible: form.ready
                text: qsTr("Next: conclusion")
                onClicked: page.goToStep(1)
            }
        }

        // Step 2: where, photos, findings, outcome, submit.
        ColumnLayout {
            id: conclusion
            visible: page.step === 1
            x: Math.max(Theme.spacingL, (parent.width - Theme.maxContentWidth) / 2)
            y: Theme.spacingL
            width: Math.min(parent.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            spacing: Theme.spacingM

            // The position, or why there is none.
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        AppIcon {
                            name: form.hasLocation ? "place" : (probe.state === LocationProbe.NoPosition ? "warning" : "place")
                            color: form.hasLocation ? Theme.accent
                                                    : (probe.state === LocationProbe.NoPosition ? Theme.warning : Theme.textSecondary)
                            size: 22
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Position")
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        BusyIndicator {
                            implicitWidth: 28
                            implicitHeight: 28
                            visible: probe.state === LocationProbe.Locating
                            running: visible
                        }
                    }
                    Label {
                        objectName: "locationText"
                        Layout.fillWidth: true
                        text: form.hasLocation
                              ? (page.coordinateText(form.latitude) + ", " + page.coordinateText(form.longitude)
                                 + (form.accuracy >= 0 ? "  " + qsTr("± %1 m").arg(App.formatNumber(Math.round(form.accuracy))).replace(/ /g, "\u00a0") : ""))
                              : probe.state === LocationProbe.Locating ? qsTr("Finding your position…")
                              : probe.state === LocationProbe.NoPosition ? Labels.locationProblem(probe.errorCode)
                              : qsTr("No position yet.")
                        font.pixelSize: Theme.fontBody
                        color: form.hasLocation ? Theme.textPrimary
                                                : (probe.state === LocationProbe.NoPosition ? Theme.warning : Theme.textSecondary)
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !form.hasLocation && probe.state === LocationProbe.NoPosition
                        text: qsTr("You can still submit: the inspection then records that it has no position.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    SecondaryButton {
                        objectName: "locateButton"
                        visible: probe.state !== LocationProbe.Locating
                        iconName: "place"
                        text: form.hasLocation ? qsTr("Update position") : qsTr("Try again")
                        onClicked: probe.locate()
                    }
                }
            }

            // The inspection's photos.
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("Photos")
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        Label {
                            Layout.fillWidth: true
                            text: form.photos.length > 0 ? qsTr("%1 attached").arg(form.photos.length) : qsTr("optional")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textTertiary
                        }
                    }
                    Flow {
                        Layout.fillWidth: true
                        visible: form.photos.length > 0
                        spacing: Theme.spacingS
                        Repeater {
                            model: form.photos
                            delegate: Item {
                                required property var modelData
                                implicitWidth: 96
                                implicitHeight: 96
                                AbstractButton {
                                    anchors.fill: parent
                                    Accessible.role: Accessible.Button
                                    Accessible.name: qsTr("Show the photo")
                                    onClicked: morePhotos.showPhoto(parent.modelData.url, form.templateName)
                                    contentItem: Image {
                                        source: parent.parent.modelData.url
                                        fillMode: Image.PreserveAspectCrop
                                        sourceSize.width: 192
                                        sourceSize.height: 192
                                        asynchronous: true
                                        cache: false
                                    }
                                    background: Rectangle { color: Theme.divider; radius: 4 }
                                }
                                HeaderButton {
                                    anchors.top: parent.top
                                    anchors.right: parent.right
                                    anchors.margins: -8
                                    iconName: "close"
                                    iconColor: Theme.textPrimary
                                    text: qsTr("Remove this photo")
                                    onClicked: form.removePhoto(parent.modelData.attachmentId)
                                }
                            }
                        }
                    }
                    PhotoField {
                        id: morePhotos
                        objectName: "inspectionPhotos"
                        Layout.fillWidth: true
                        showHeader: false
                        caption: form.templateName
                        fileDialogTitle: qsTr("Choose a photo of the site")
                        chooseFileDescription: qsTr("Choose a photo of the site from your files")
                    }
                    Connections {
                        target: morePhotos.draft
                        function onPhotoChanged() {
                            if (morePhotos.draft.hasPhoto && !morePhotos.draft.busy)
                                Qt.callLater(() => form.adoptPhoto("", morePhotos.draft))
                        }
                    }
                }
            }

            // Findings.
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    Label {
                        text: qsTr("Findings")
                        font.pixelSize: Theme.fontBodyLarge
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    TextArea {
                        id: findingsField
                        property bool ready: false
                        objectName: "findingsField"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 110
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("What you saw: defects, deviations from the plan, what to follow up")
                        placeholderTextColor: "#9AA5AF"
                        font.pixelSize: Theme.fontBody
                        Accessible.name: qsTr("Findings")
                        leftPadding: Theme.spacingM
                        rightPadding: Theme.spacingM
                        topPadding: Theme.spacingS
                        bottomPadding: Theme.spacingS
                        onTextChanged: if (ready) form.findings = text
                        Connections {
                            target: form
                            function onFindingsChanged() {
                                if (findingsField.text === form.findings)
                                    return
                                findingsField.ready = false
                                findingsField.text = form.findings
                                findingsField.ready = true
                            }
                        }
                        Component.onCompleted: {
                            text = form.findings
                            ready = true
                        }
                        background: Rectangle {
                            radius: Theme.radiusSmall
                            color: Theme.surface
                            border.width: findingsField.activeFocus ? 2 : 1
                            border.color: findingsField.activeFocus ? Theme.primary : Theme.border
                        }
                    }
                }
            }

            // The outcome: one of four.
            Card {
                Layout.fillWidth: true
                background: Rectangle {
                    color: Theme.surface
                    radius: Theme.radius
                    border.color: page.showProblems && form.outcome === 0 ? Theme.error : Theme.divider
                    border.width: page.showProblems && form.outcome === 0 ? 2 : 1
                }
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Outcome")
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        Label {
                            text: qsTr("Required")
                            font.pixelSize: Theme.fontCaption
                            font.weight: Font.DemiBold
                            color: page.showProblems && form.outcome === 0 ? Theme.error : Theme.textTertiary
                        }
                    }
                    GridLayout {
                        Layout.fillWidth: true
                        columns: conclusion.width >= 560 ? 2 : 1
                        columnSpacing: Theme.spacingS
                        rowSpacing: Theme.spacingS
                        Repeater {
                            model: [1, 2, 3, 4]
                            delegate: AbstractButton {
                                id: outcomeChoice
                                required property int modelData
                                readonly property bool active: form.outcome === modelData
                                objectName: "outcome" + modelData
                                Layout.fillWidth: true
                                Layout.preferredWidth: 1
                                implicitHeight: Math.max(Theme.touchTarget + 8, outcomeText.implicitHeight + 2 * Theme.spacingS)
                                checkable: true
                                checked: active
                                focusPolicy: Qt.StrongFocus
                                Accessible.role: Accessible.RadioButton
                                Accessible.name: Labels.outcomeName(modelData)
                                Accessible.description: Labels.outcomeDescription(modelData)
                                Accessible.checked: active
                                onClicked: form.outcome = modelData
                                contentItem: Item {}
                                background: Rectangle {
                                    radius: Theme.radiusSmall
                                    color: outcomeChoice.active ? Theme.outcomeBackground(outcomeChoice.modelData) : Theme.surface
                                    border.width: outcomeChoice.active || outcomeChoice.visualFocus ? 2 : 1
                                    border.color: outcomeChoice.active ? Theme.outcomeColor(outcomeChoice.modelData)
                                                                      : (outcomeChoice.visualFocus ? Theme.accent : Theme.border)
                                    ColumnLayout {
                                        id: outcomeText
                                        anchors.left: parent.left
                                        anchors.right: parent.right
                                        anchors.verticalCenter: parent.verticalCenter
                                        anchors.leftMargin: Theme.spacingM
                                        anchors.rightMargin: Theme.spacingM
                                        spacing: 0
                                        Label {
                                            Layout.fillWidth: true
                                            text: Labels.outcomeName(outcomeChoice.modelData)
                                            font.pixelSize: Theme.fontBody
                                            font.weight: Font.DemiBold
                                            color: outcomeChoice.active ? Theme.outcomeColor(outcomeChoice.modelData) : Theme.textPrimary
                                            elide: Text.ElideRight
                                        }
                                        Label {
                                            Layout.fillWidth: true
                                            text: Labels.outcomeDescription(outcomeChoice.modelData)
                                            font.pixelSize: Theme.fontSmall
                                            color: Theme.textSecondary
                                            wrapMode: Text.Wrap
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }

            // What still keeps it from being submitted.
            Label {
                objectName: "blockersText"
                Layout.fillWidth: true
                visible: text.length > 0
                text: {
                    let parts = []
                    if (form.missing.length > 0)
                        parts.push(Labels.unanswered(form.missing.length))
                    if (form.invalid.length > 0)
                        parts.push(Labels.toCorrect(form.invalid.length))
                    if (form.outcome === 0)
                        parts.push(qsTr("no outcome chosen"))
                    return parts.length > 0 ? qsTr("Before submitting: %1.").arg(parts.join(", ")) : ""
                }
                font.pixelSize: Theme.fontSmall
                color: page.showProblems ? Theme.error : Theme.textSecondary
                wrapMode: Text.Wrap
            }

            Label {
                objectName: "errorText"
                Layout.fillWidth: true
                visible: page.errorText.length > 0
                text: page.errorText
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBody
                color: Theme.error
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }

            PrimaryButton {
                objectName: "submitButton"
                Layout.fillWidth: true
                enabled: form.ready && !form.submitting
                text: form.submitting ? qsTr("Submitting…") : qsTr("Submit inspection")
                onClicked: page.submit()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Once submitted, the inspection cannot be changed; a correction is made as an amendment.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
            RowLayout {
                Layout.fillWidth: true
                visible: !App.online
                spacing: Theme.spacingS
                AppIcon {
                    Layout.alignment: Qt.AlignTop
                    name: "cloudOff"
                    color: Theme.textSecondary
                    size: 18
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("You are offline. The inspection is saved on this device and syncs later.")
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
            }
            SecondaryButton {
                objectName: "discardButton"
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacingM
                destructive: true
                flat: true
                iconName: "delete"
                text: qsTr("Discard draft")
                enabled: form.ready && !form.submitting
                onClicked: discardDialog.open()
            }
        }
    }
}
