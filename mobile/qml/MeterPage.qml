// One meter: the new reading, with the previous one shown, a plausibility
// check and an optional photo, and the history. Saving never waits on the
// network: the reading is stored on the device and synced later; its photo
// follows after the records (DESIGN.md §4, §7).
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string meterId
    readonly property var meter: (App.dataRevision, App.meterDetails(meterId))
    readonly property var history: (App.dataRevision, App.meterHistory(meterId))
    readonly property string unit: meter.exists ? Labels.unitSymbol(meter.unit) : ""
    readonly property bool cumulative: meter.exists ? meter.cumulative : true
    readonly property bool wide: width >= 760

    // What the typed text means right now.
    readonly property var typedValue: App.parseNumber(valueField.text)
    readonly property bool typedIsNumber: typedValue !== undefined
    readonly property bool lowerThanPrevious: cumulative && typedIsNumber && readings.hasLatest
                                              && typedValue < readings.latestValue
    property string errorText
    // The last reading was saved without its photo: why.
    property string photoNotice
    // The photo on the form until it is saved with the reading.
    readonly property PhotoDraft photo: photoField.draft

    function withUnit(text) {
        return unit.length > 0 ? text + " " + unit : text
    }

    // For the screenshot harness: the page as if `text` had been typed.
    function previewInput(text) {
        valueField.text = text
    }

    // For the screenshot harness: the form with the newest photo in the
    // history attached as if it had just been chosen. False when no reading
    // of this meter has a photo on this device.
    function previewPhoto() {
        for (let i = 0; i < readings.count; ++i) {
            const url = readings.get(i).photoUrl
            if (url && url.toString().length > 0) {
                photo.loadFile(url)
                return true
            }
        }
        return false
    }


    // A register lower than the last reading is allowed (the person at the
    // meter is the best witness) but asked about: the warning shows while
    // typing and the button then reads "Save anyway" (DESIGN.md §4).
    function save() {
        errorText = ""
        if (!meter.exists || App.saving || photo.busy)
            return
        photoNotice = ""
        App.recordReadingWithPhoto(meterId, valueField.text, "", photo)
    }

    title: !meter.exists ? qsTr("Meter")
           : (meter.serial ? qsTr("Meter %1").arg(meter.serial) : Labels.carrierName(meter.carrier))
    background: Rectangle { color: Theme.background }

    ReadingsModel {
        id: readings
        app: App
        meterId: page.meterId
        limit: 100
    }

    function showPhoto(url, caption) {
        viewer.source = url
        viewer.caption = caption
        viewer.open()
    }

    PhotoViewer {
        id: viewer
    }

    Connections {
        target: App
        function onReadingSaved(meterId, readingId, value) {
            if (meterId === page.meterId) {
                valueField.clear()
                page.errorText = ""
            }
        }
        function onReadingRejected(meterId, reasonCode, message) {
            if (meterId === page.meterId)
                page.errorText = Labels.reasonMessage(reasonCode, message)
        }
        function onReadingPhotoFailed(meterId, readingId, reasonCode, message) {
            if (meterId === page.meterId)
                page.photoNotice = Labels.reasonMessage(reasonCode, message)
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: grid.implicitHeight + 2 * Theme.spacingL
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        GridLayout {
            id: grid
            x: Theme.spacingL
            y: Theme.spacingL
            width: flick.width - 2 * Theme.spacingL
            columns: page.wide ? 2 : 1
            columnSpacing: Theme.spacingL
            rowSpacing: Theme.spacingL

            // --- New reading ---
            Card {
                id: entryCard
                Layout.fillWidth: true
                Layout.preferredWidth: page.wide ? 440 : -1
                Layout.maximumWidth: page.wide ? 480 : Number.POSITIVE_INFINITY
                Layout.alignment: Qt.AlignTop

                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingL

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingM
                        CarrierBadge {
                            diameter: 52
                            iconName: Labels.carrierIcon(page.meter.carrier || 0)
                            tint: Theme.carrierColor(page.meter.carrier || 0)
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: page.meter.exists ? Labels.carrierName(page.meter.carrier)
                                                        : qsTr("Unknown meter")
                                font.pixelSize: Theme.fontHeadline
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                                wrapMode: Text.Wrap
                                Accessible.role: Accessible.Heading
                            }
                            Label {
                                Layout.fillWidth: true
                                visible: page.meter.exists
                                text: [page.meter.serial ? qsTr("No. %1").arg(page.meter.serial) : "",
                                       page.unit,
                                       page.cumulative ? qsTr("cumulative") : qsTr("per period")]
                                      .filter(s => s.length > 0).join("  ·  ")
                                font.pixelSize: Theme.fontBody
                                color: Theme.textSecondary
                                // Long serials and "per period" in Polish or
                                // German do not fit one phone line: wrap.
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                        }
                    }

                    // Previous reading.
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: previousRow.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.primaryLight

                        RowLayout {
                            id: previousRow
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: Theme.spacingS
                            AppIcon {
                                name: "history"
                                color: Theme.primary
                                size: 20
                            }
                            Label {
                                Layout.fillWidth: true
                                textFormat: Text.StyledText
                                wrapMode: Text.Wrap
                                font.pixelSize: Theme.fontBodyLarge
                                color: Theme.textPrimary
                                text: readings.hasLatest
                                      ? qsTr("Previous: <b>%1</b> on %2")
                                            .arg(page.withUnit(readings.latestValueText))
                                            .arg(readings.latestDateText)
                                      : qsTr("No previous reading. This will be the first.")
                                Accessible.name: readings.hasLatest
                                      ? qsTr("Previous: %1 on %2").arg(page.withUnit(readings.latestValueText))
                                            .arg(readings.latestDateText)
                                      : text
                            }
                        }
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS

                        Label {
                            text: qsTr("New reading")
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }

                        TextField {
                            id: valueField
                            Layout.fillWidth: true
                            implicitHeight: 64
                            leftPadding: Theme.spacingL
                            rightPadding: unitLabel.implicitWidth + 2 * Theme.spacingL
                            topPadding: 0
                            bottomPadding: 0
                            verticalAlignment: TextInput.AlignVCenter
                            enabled: page.meter.exists
                            font.pixelSize: 30
                            font.weight: Font.DemiBold
                            placeholderText: App.formatNumber(12345.6)
                            placeholderTextColor: "#B5BEC6"
                            inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                            selectByMouse: true
                            Accessible.name: qsTr("New reading in %1").arg(page.unit)
                            Accessible.description: readings.hasLatest
                                ? qsTr("Previous: %1 on %2").arg(page.withUnit(readings.latestValueText))
                                      .arg(readings.latestDateText) : ""
                            onAccepted: page.save()
                            onTextChanged: {
                                page.errorText = ""
                                if (text.length > 0)
                                    page.photoNotice = ""
                            }

                            background: Rectangle {
                                radius: Theme.radiusSmall
                                color: Theme.surface
                                border.width: valueField.activeFocus ? 2 : 1
                                border.color: page.errorText.length > 0 ? Theme.error
                                              : (page.lowerThanPrevious ? Theme.warning
                                                 : (valueField.activeFocus ? Theme.primary : Theme.border))
                            }

                            Label {
                                id: unitLabel
                                anchors.right: parent.right
                                anchors.rightMargin: Theme.spacingL
                                anchors.verticalCenter: parent.verticalCenter
                                text: page.unit
                                font.pixelSize: Theme.fontTitle
                                color: Theme.textSecondary
                            }
                        }

                        // Live feedback on what was typed.
                        Label {
                            Layout.fillWidth: true
                            visible: text.length > 0 && !page.lowerThanPrevious && page.errorText.length === 0
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontSmall
                            color: page.typedIsNumber ? Theme.success : Theme.textSecondary
                            text: {
                                if (valueField.text.trim().length === 0)
                                    return ""
                                if (!page.typedIsNumber)
                                    return qsTr("Type digits only, e.g. %1").arg(App.formatNumber(12345.6))
                                if (page.cumulative && readings.hasLatest)
                                    return qsTr("%1 since %2").arg(page.withUnit("+" + App.formatNumber(
                                        page.typedValue - readings.latestValue))).arg(readings.latestDateText)
                                return ""
                            }
                        }
                    }

                    // Optional photo of the meter: evidence for the value.
                    PhotoField {
                        id: photoField
                        Layout.fillWidth: true
                        enabled: page.meter.exists && !App.saving
                        fileDialogTitle: qsTr("Choose a photo of the meter")
                        chooseFileDescription: qsTr("Choose a photo of the meter from your files")
                        caption: qsTr("New reading")
                        onPhotoRequested: page.photoNotice = ""
                    }

                    // The last reading was saved, its photo was not.
                    Rectangle {
                        Layout.fillWidth: true
                        visible: page.photoNotice.length > 0
                        implicitHeight: noticeRow.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.warningBackground
                        border.color: Theme.warningBorder
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: page.photoNotice

                        RowLayout {
                            id: noticeRow
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: Theme.spacingS
                            AppIcon {
                                Layout.alignment: Qt.AlignTop
                                name: "warning"
                                color: Theme.warning
                                size: 20
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                font.pixelSize: Theme.fontBody
                                color: Theme.warning
                                text: page.photoNotice
                            }
                        }
                    }

                    // Plausibility warning (DESIGN.md §4): accepted, but worth a second look.
                    Rectangle {
                        Layout.fillWidth: true
                        visible: page.lowerThanPrevious && page.errorText.length === 0
                        implicitHeight: warnRow.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.warningBackground
                        border.color: Theme.warningBorder
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: warnLabel.text

                        RowLayout {
                            id: warnRow
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: Theme.spacingS
                            AppIcon {
                                Layout.alignment: Qt.AlignTop
                                name: "warning"
                                color: Theme.warning
                                size: 20
                            }
                            Label {
                                id: warnLabel
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                font.pixelSize: Theme.fontBody
                                color: Theme.warning
                                text: qsTr("Lower than the last reading %1 on %2. Check the digits, or save it anyway if the meter really shows this.")
                                      .arg(page.withUnit(readings.latestValueText)).arg(readings.latestDateText)
                            }
                        }
                    }

                    // Why the last save failed.
                    Rectangle {
                        Layout.fillWidth: true
                        visible: page.errorText.length > 0
                        implicitHeight: errorRow.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.errorBackground
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: page.errorText

                        RowLayout {
                            id: errorRow
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: Theme.spacingS
                            AppIcon {
                                Layout.alignment: Qt.AlignTop
                                name: "info"
                                color: Theme.error
                                size: 20
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                font.pixelSize: Theme.fontBody
                                color: Theme.error
                                text: page.errorText
                            }
                        }
                    }

                    PrimaryButton {
                        id: saveButton
                        Layout.fillWidth: true
                        enabled: page.meter.exists && valueField.text.trim().length > 0 && !App.saving && !photo.busy
                        warning: page.lowerThanPrevious
                        text: App.saving ? qsTr("Saving…")
                                         : (page.lowerThanPrevious ? qsTr("Save anyway") : qsTr("Save reading"))
                        onClicked: page.save()
                    }

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        AppIcon {
                            Layout.alignment: Qt.AlignTop
                            name: App.online ? "cloudDone" : "cloudOff"
                            color: Theme.textTertiary
                            size: 18
                        }
                        Label {
                            Layout.fillWidth: true
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            text: App.online ? qsTr("Saved on this device first, then sent to the server.")
                                             : qsTr("You are offline. Readings are saved on this device and sync later.")
                        }
                    }
                }
            }

            // --- History ---
            Card {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                padding: 0
                topPadding: Theme.spacingS
                bottomPadding: Theme.spacingS

                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0

                    RowLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.spacingL
                        Layout.rightMargin: Theme.spacingL
                        Layout.topMargin: Theme.spacingS
                        Layout.bottomMargin: Theme.spacingS
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("History")
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            Accessible.role: Accessible.Heading
                        }
                        Label {
                            visible: readings.count > 0
                            text: Labels.readings(readings.count)
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                        }
                    }

                    // Monthly use, this year beside last year.
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.leftMargin: Theme.spacingL
                        Layout.rightMargin: Theme.spacingL
                        Layout.bottomMargin: Theme.spacingM
                        visible: page.history.available === true
                        spacing: Theme.spacingXs
                        MonthlyUseChart {
                            Layout.fillWidth: true
                            history: page.history
                            unit: page.unit
                            barColor: Theme.carrierColor(page.meter.carrier || 0)
                            Accessible.name: qsTr("Monthly use over the last 12 months, each beside the same month a year before")
                        }
                        Row {
                            spacing: Theme.spacingL
                            Repeater {
                                model: [
                                    { color: Theme.carrierColor(page.meter.carrier || 0), text: qsTr("Last 12 months") },
                                    { color: "#C9D1D8", text: qsTr("A year before") }
                                ]
                                delegate: Row {
                                    required property var modelData
                                    spacing: 6
                                    Rectangle {
                                        anchors.verticalCenter: parent.verticalCenter
                                        width: 12; height: 12; radius: 3
                                        color: parent.modelData.color
                                    }
                                    Label {
                                        text: parent.modelData.text
                                        font.pixelSize: Theme.fontSmall
                                        color: Theme.textSecondary
                                    }
                                }
                            }
                        }
                    }

                    Repeater {
                        model: readings
                        delegate: ColumnLayout {
                            id: historyRow
                            required property string valueText
                            required property string dateText
                            required property int readingKind
                            required property string deltaText
                            required property bool hasDelta
                            required property double delta
                            required property var qualityFlags
                            required property string note
                            required property url photoUrl
                            required property int index

                            Layout.fillWidth: true
                            spacing: 0
                            Accessible.role: Accessible.ListItem
                            Accessible.name: dateText + ", " + page.withUnit(valueText)

                            Rectangle {
                                Layout.fillWidth: true
                                Layout.leftMargin: Theme.spacingL
                                implicitHeight: 1
                                color: Theme.divider
                            }

                            RowLayout {
                                Layout.fillWidth: true
                                Layout.leftMargin: Theme.spacingL
                                Layout.rightMargin: Theme.spacingL
                                Layout.topMargin: Theme.spacingM
                                Layout.bottomMargin: Theme.spacingM
                                Layout.minimumHeight: 40
                                spacing: Theme.spacingM

                                ColumnLayout {
                                    Layout.fillWidth: true
                                    spacing: 4
                                    Label {
                                        Layout.fillWidth: true
                                        text: historyRow.dateText
                                        font.pixelSize: Theme.fontBody
                                        color: Theme.textPrimary
                                        elide: Text.ElideRight
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        visible: text.length > 0
                                        text: [Labels.readingKindName(historyRow.readingKind), historyRow.note]
                                              .filter(s => s.length > 0).join("  ·  ")
                                        font.pixelSize: Theme.fontSmall
                                        color: Theme.textSecondary
                                        elide: Text.ElideRight
                                    }
                                    Flow {
                                        Layout.fillWidth: true
                                        visible: historyRow.qualityFlags.length > 0
                                        spacing: Theme.spacingXs
                                        Repeater {
                                            model: historyRow.qualityFlags
                                            delegate: Rectangle {
                                                required property string modelData
                                                implicitHeight: 24
                                                implicitWidth: flagLabel.implicitWidth + 2 * Theme.spacingS
                                                radius: 12
                                                color: Theme.warningBackground
                                                border.color: Theme.warningBorder
                                                Label {
                                                    id: flagLabel
                                                    anchors.centerIn: parent
                                                    text: Labels.flagText(parent.modelData)
                                                    font.pixelSize: Theme.fontCaption
                                                    color: Theme.warning
                                                }
                                            }
                                        }
                                    }
                                }

                                // The reading's photo, when it is kept on this device.
                                AbstractButton {
                                    id: historyPhoto
                                    Layout.alignment: Qt.AlignTop
                                    visible: historyRow.photoUrl.toString().length > 0
                                    implicitWidth: Theme.touchTarget
                                    implicitHeight: Theme.touchTarget
                                    Accessible.role: Accessible.Button
                                    Accessible.name: qsTr("Photo of the reading of %1").arg(historyRow.dateText)
                                    onClicked: page.showPhoto(historyRow.photoUrl,
                                                              historyRow.dateText + "  ·  "
                                                              + page.withUnit(historyRow.valueText))
                                    contentItem: Image {
                                        source: historyPhoto.visible ? historyRow.photoUrl : ""
                                        fillMode: Image.PreserveAspectCrop
                                        sourceSize.width: 96
                                        sourceSize.height: 96
                                        asynchronous: true
                                    }
                                    background: Rectangle {
                                        color: Theme.divider
                                        radius: 4
                                        border.width: historyPhoto.visualFocus ? 2 : 0
                                        border.color: Theme.accent
                                    }
                                }

                                ColumnLayout {
                                    Layout.alignment: Qt.AlignTop
                                    // One width for most values, so the photos line up.
                                    Layout.minimumWidth: 156
                                    spacing: 2
                                    Label {
                                        Layout.alignment: Qt.AlignRight
                                        text: page.withUnit(historyRow.valueText)
                                        font.pixelSize: Theme.fontBodyLarge
                                        font.weight: Font.DemiBold
                                        color: Theme.textPrimary
                                    }
                                    Label {
                                        Layout.alignment: Qt.AlignRight
                                        visible: historyRow.hasDelta
                                        text: page.withUnit(historyRow.deltaText)
                                        font.pixelSize: Theme.fontSmall
                                        color: historyRow.delta < 0 ? Theme.warning : Theme.textSecondary
                                    }
                                }
                            }
                        }
                    }

                    Label {
                        Layout.fillWidth: true
                        Layout.margins: Theme.spacingL
                        visible: readings.count === 0
                        text: qsTr("No readings yet.")
                        horizontalAlignment: Text.AlignHCenter
                        font.pixelSize: Theme.fontBody
                        color: Theme.textSecondary
                    }
                }
            }
        }
    }
}
