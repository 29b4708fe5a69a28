// "Add progress" for one measure: where it stands, how far it has come,
// what has been spent, a note, the measure's own figures (indicators such as
// trees planted or m² of green roof) and a photo. Saved on the device as a
// ProgressUpdate and synced later; saving never waits on the network.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string measureId
    readonly property var measure: App.measureDetails(measureId)
    property int status: measure.exists && measure.status > 1 ? measure.status : 2
    property string errorText
    readonly property bool wide: width >= 760
    // Indicators the app knows by name, with their usual unit.
    readonly property var commonIndicators: [
        { key: "trees_planted", unit: "pcs" },
        { key: "green_roof_area", unit: "m²" },
        { key: "rainwater_retained", unit: "m³" },
        { key: "insulated_area", unit: "m²" },
        { key: "luminaires_replaced", unit: "pcs" },
        { key: "installed_power", unit: "kWp" },
        { key: "heat_pump_capacity", unit: "kW" }
    ]
    readonly property int indicatorCount: indicatorRows.count
    signal saved()

    function addIndicator(key, unit) {
        indicatorRows.append({ key: key, custom: key.length === 0, valueText: "", unit: unit })
    }

    function indicatorsForSave() {
        let out = []
        for (let i = 0; i < indicatorRows.count; ++i) {
            const row = indicatorRows.get(i)
            out.push({ key: row.key, valueText: row.valueText, unit: row.unit, custom: row.custom })
        }
        return out
    }

    function save() {
        errorText = ""
        if (App.saving || photoField.draft.busy)
            return
        App.recordProgress(measureId, status, percentField.text, spentField.text, noteField.text,
                           indicatorsForSave(), photoField.draft)
    }

    // For the screenshot harness: a filled-in form.
    function previewInput() {
        status = 2
        percentField.text = App.formatNumber(Math.min(100, Math.round((measure.percent || 40) + 15)))
        if (measure.budget !== undefined)
            spentField.text = App.formatNumber(Math.round(measure.budget * 0.62))
        noteField.text = qsTr("Scaffolding removed on the south side; windows fitted on the ground floor.")
        if (indicatorRows.count > 0)
            indicatorRows.setProperty(0, "valueText", App.formatNumber(420))
    }

    title: qsTr("Add progress")
    background: Rectangle { color: Theme.background }

    Component.onCompleted: {
        // The figures this measure has reported before, ready to update.
        const known = measure.knownIndicators || []
        for (let i = 0; i < known.length; ++i)
            addIndicator(known[i].key, known[i].unit)
        if (measure.percent !== undefined)
            percentField.text = App.formatNumber(measure.percent)
    }

    ListModel {
        id: indicatorRows
    }

    Connections {
        target: App
        function onProgressSaved(measureId, updateId) {
            if (measureId === page.measureId)
                page.saved()
        }
        function onProgressRejected(measureId, reasonCode, message) {
            if (measureId === page.measureId)
                page.errorText = Labels.reasonMessage(reasonCode, message)
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: form.implicitHeight + 2 * Theme.spacingL
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        Card {
            id: form
            x: Math.max(Theme.spacingL, (parent.width - Theme.maxContentWidth) / 2)
            y: Theme.spacingL
            width: Math.min(parent.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            implicitHeight: formColumn.implicitHeight + topPadding + bottomPadding

            ColumnLayout {
                id: formColumn
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingL

                Label {
                    Layout.fillWidth: true
                    text: (page.measure.code ? page.measure.code + "  " : "") + (page.measure.title || "")
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.Heading
                }
                Label {
                    Layout.fillWidth: true
                    Layout.topMargin: -Theme.spacingM
                    text: page.measure.lastReportedAt !== undefined
                          ? qsTr("Now: %1, last update %2").arg(Labels.progressStatusName(page.measure.status))
                                .arg(App.formatDate(page.measure.lastReportedAt))
                          : qsTr("First progress report")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }

                // Status: one of five, as large chips.
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Label {
                        text: qsTr("Status")
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        Accessible.role: Accessible.Grouping
                        Accessible.name: qsTr("Status")
                        Repeater {
                            model: [1, 2, 3, 4, 5]
                            delegate: AbstractButton {
                                id: statusChoice
                                required property int modelData
                                readonly property bool active: page.status === modelData
                                implicitHeight: Theme.touchTarget
                                implicitWidth: choiceLabel.implicitWidth + 2 * Theme.spacingL
                                focusPolicy: Qt.StrongFocus
                                checkable: true
                                checked: active
                                Accessible.role: Accessible.RadioButton
                                Accessible.name: choiceLabel.text
                                Accessible.checked: active
                                objectName: "status" + modelData
                                onClicked: page.status = modelData
                                contentItem: Item {}
                                background: Rectangle {
                                    radius: Theme.radiusSmall
                                    color: statusChoice.active ? Theme.statusBackground(statusChoice.modelData) : Theme.surface
                                    border.width: statusChoice.active || statusChoice.visualFocus ? 2 : 1
                                    border.color: statusChoice.active ? Theme.statusColor(statusChoice.modelData)
                                                  : (statusChoice.visualFocus ? Theme.accent : Theme.border)
                                    Label {
                                        id: choiceLabel
                                        anchors.centerIn: parent
                                        text: Labels.progressStatusName(statusChoice.modelData)
                                        font.pixelSize: Theme.fontBody
                                        font.weight: statusChoice.active ? Font.DemiBold : Font.Normal
                                        color: statusChoice.active ? Theme.statusColor(statusChoice.modelData)
                                                                   : Theme.textPrimary
                                    }
                                }
                            }
                        }
                    }
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: page.wide ? 2 : 1
                    columnSpacing: Theme.spacingL
                    rowSpacing: Theme.spacingL

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        spacing: Theme.spacingS
                        Label {
                            text: qsTr("Percent complete")
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingM
                            Slider {
                                id: percentSlider
                                Layout.fillWidth: true
                                from: 0
                                to: 100
                                stepSize: 5
                                snapMode: Slider.SnapAlways
                                value: {
                                    const v = App.parseNumber(percentField.text)
                                    return v === undefined ? 0 : v
                                }
                                Accessible.name: qsTr("Percent complete")
                                onMoved: percentField.text = App.formatNumber(value)
                            }
                            FormTextField {
                                id: percentField
                                objectName: "percentField"
                                Layout.preferredWidth: 104
                                suffix: "%"
                                horizontalAlignment: TextInput.AlignRight
                                inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                                invalid: text.trim().length > 0 && (App.parseNumber(text) === undefined
                                         || App.parseNumber(text) < 0 || App.parseNumber(text) > 100)
                                Accessible.name: qsTr("Percent complete, 0 to 100")
                                onTextChanged: page.errorText = ""
                            }
                        }
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        spacing: Theme.spacingS
                        Label {
                            text: qsTr("Spent so far")
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        FormTextField {
                            id: spentField
                            objectName: "spentField"
                            Layout.fillWidth: true
                            suffix: "€"
                            placeholderText: page.measure.spent !== undefined ? App.formatNumber(page.measure.spent)
                                                                              : App.formatNumber(125000)
                            inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                            invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                            Accessible.name: qsTr("Spent so far, in euros")
                            onTextChanged: page.errorText = ""
                        }
                        Label {
                            Layout.fillWidth: true
                            text: page.measure.budget !== undefined
                                  ? qsTr("In total since the start, of a budget of %1").arg(App.formatEuro(page.measure.budget))
                                  : qsTr("In total since the start")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Label {
                        text: qsTr("Note")
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    TextArea {
                        id: noteField
                        objectName: "noteField"
                        Layout.fillWidth: true
                        Layout.minimumHeight: 96
                        wrapMode: TextEdit.Wrap
                        placeholderText: qsTr("What was done, what is holding it up")
                        placeholderTextColor: "#9AA5AF"
                        font.pixelSize: Theme.fontBody
                        Accessible.name: qsTr("Note")
                        background: Rectangle {
                            radius: Theme.radiusSmall
                            color: Theme.surface
                            border.width: noteField.activeFocus ? 2 : 1
                            border.color: noteField.activeFocus ? Theme.primary : Theme.border
                        }
                    }
                }

                // The measure's own figures.
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    RowLayout {
                        Layout.fillWidth: true
                        Label {
                            text: qsTr("Indicators")
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("optional")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textTertiary
                        }
                    }
                    Repeater {
                        model: indicatorRows
                        delegate: RowLayout {
                            id: indicatorRow
                            required property int index
                            required property string key
                            required property bool custom
                            required property string valueText
                            required property string unit
                            Layout.fillWidth: true
                            spacing: Theme.spacingS

                            // The name above, value and unit below: fits a phone.
                            GridLayout {
                                Layout.fillWidth: true
                                columns: page.wide ? 3 : 2
                                columnSpacing: Theme.spacingS
                                rowSpacing: Theme.spacingXs

                                Label {
                                    Layout.fillWidth: true
                                    Layout.columnSpan: page.wide ? 1 : 2
                                    visible: !indicatorRow.custom
                                    text: Labels.indicatorName(indicatorRow.key)
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.textPrimary
                                    wrapMode: Text.Wrap
                                }
                                FormTextField {
                                    Layout.fillWidth: true
                                    Layout.columnSpan: page.wide ? 1 : 2
                                    visible: indicatorRow.custom
                                    placeholderText: qsTr("Name, e.g. bike racks")
                                    text: indicatorRow.key
                                    Accessible.name: qsTr("Indicator name")
                                    onTextEdited: indicatorRows.setProperty(indicatorRow.index, "key", text)
                                }
                                FormTextField {
                                    objectName: "indicatorValue" + indicatorRow.index
                                    Layout.fillWidth: !page.wide
                                    Layout.preferredWidth: 120
                                    text: indicatorRow.valueText
                                    horizontalAlignment: TextInput.AlignRight
                                    inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                                    invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                                    Accessible.name: qsTr("Value of %1").arg(Labels.indicatorName(indicatorRow.key))
                                    onTextEdited: {
                                        indicatorRows.setProperty(indicatorRow.index, "valueText", text)
                                        page.errorText = ""
                                    }
                                }
                                FormTextField {
                                    Layout.preferredWidth: 80
                                    text: indicatorRow.unit
                                    placeholderText: qsTr("unit")
                                    Accessible.name: qsTr("Unit")
                                    onTextEdited: indicatorRows.setProperty(indicatorRow.index, "unit", text)
                                }
                            }
                            HeaderButton {
                                Layout.alignment: page.wide ? Qt.AlignVCenter : Qt.AlignBottom
                                iconName: "close"
                                iconColor: Theme.textSecondary
                                text: qsTr("Remove indicator")
                                onClicked: indicatorRows.remove(indicatorRow.index)
                            }
                        }
                    }
                    SecondaryButton {
                        id: addIndicatorButton
                        iconName: "add"
                        text: qsTr("Add indicator")
                        onClicked: indicatorMenu.open()
                        Menu {
                            id: indicatorMenu
                            y: addIndicatorButton.height
                            Repeater {
                                model: page.commonIndicators
                                delegate: MenuItem {
                                    required property var modelData
                                    text: Labels.indicatorName(modelData.key)
                                    onTriggered: page.addIndicator(modelData.key, modelData.unit)
                                }
                            }
                            MenuSeparator {}
                            MenuItem {
                                text: qsTr("Other…")
                                onTriggered: page.addIndicator("", "")
                            }
                        }
                    }
                }

                PhotoField {
                    id: photoField
                    objectName: "photoField"
                    Layout.fillWidth: true
                    enabled: !App.saving
                    fileDialogTitle: qsTr("Choose a photo of the work")
                    chooseFileDescription: qsTr("Choose a photo of the work from your files")
                    caption: page.measure.title || ""
                }

                Label {
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
                    objectName: "saveButton"
                    Layout.fillWidth: true
                    text: App.saving ? qsTr("Saving…") : qsTr("Save progress")
                    enabled: page.measure.exists && !App.saving && !photoField.draft.busy
                    onClicked: page.save()
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
                        text: qsTr("You are offline. The update is saved on this device and syncs later.")
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                    }
                }
            }
        }
    }
}
