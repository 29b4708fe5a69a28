// A coordinator edits a measure's plan on the device (DESIGN.md §8: field
// staff may not, and are not offered it): the title and description, who is
// in charge, the planned months, the budget and the expected results, and
// whether it is a key action. Only what changed is sent, and it merges with
// edits made on the dashboard meanwhile, field by field.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string measureId
    readonly property var measure: App.measureDetails(measureId)
    property string errorText
    signal saved()

    function numberText(value) {
        return value !== undefined ? App.formatNumber(value) : ""
    }

    function save() {
        errorText = ""
        App.updateMeasure(measureId, {
            "title": titleField.text,
            "description": descriptionField.text,
            "responsibleBody": responsibleField.text,
            "plannedStart": startField.ms,
            "plannedEnd": endField.ms,
            "budget": budgetField.text,
            "expectedSavings": savingsField.text,
            "expectedRenewable": renewableField.text,
            "expectedCo2": co2Field.text,
            "keyAction": keySwitch.checked
        })
    }

    title: qsTr("Edit plan")
    background: Rectangle { color: Theme.background }

    Component.onCompleted: {
        titleField.text = measure.title || ""
        descriptionField.text = measure.description || ""
        responsibleField.text = measure.responsibleBody || ""
        startField.load(measure.plannedStart !== undefined ? measure.plannedStart : 0)
        endField.load(measure.plannedEnd !== undefined ? measure.plannedEnd : 0)
        budgetField.text = numberText(measure.budget)
        savingsField.text = numberText(measure.expectedSavingsMwh)
        renewableField.text = numberText(measure.expectedRenewableMwh)
        co2Field.text = numberText(measure.expectedCo2T)
        keySwitch.checked = measure.keyAction === true
    }

    Connections {
        target: App
        function onMeasureSaved(measureId) {
            if (measureId === page.measureId)
                page.saved()
        }
        function onMeasureRejected(measureId, reasonCode, message) {
            if (measureId === page.measureId)
                page.errorText = Labels.reasonMessage(reasonCode, message)
        }
    }

    Flickable {
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

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingM

                Label {
                    Layout.fillWidth: true
                    text: (page.measure.code ? page.measure.code + "  " : "") + qsTr("The plan of this measure")
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.Heading
                }

                Label { text: qsTr("Title"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                FormTextField {
                    id: titleField
                    objectName: "titleField"
                    Layout.fillWidth: true
                    invalid: text.trim().length === 0
                    Accessible.name: qsTr("Title")
                }

                Label { text: qsTr("Description"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                TextArea {
                    id: descriptionField
                    Layout.fillWidth: true
                    Layout.minimumHeight: 96
                    wrapMode: TextEdit.Wrap
                    font.pixelSize: Theme.fontBody
                    leftPadding: Theme.spacingM
                    rightPadding: Theme.spacingM
                    Accessible.name: qsTr("Description")
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: Theme.surface
                        border.width: descriptionField.activeFocus ? 2 : 1
                        border.color: descriptionField.activeFocus ? Theme.primary : Theme.border
                    }
                }

                Label { text: qsTr("Responsible body"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                FormTextField {
                    id: responsibleField
                    Layout.fillWidth: true
                    placeholderText: qsTr("Department or company in charge")
                    Accessible.name: qsTr("Responsible body")
                }

                Label { text: qsTr("Planned start"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                MonthField {
                    id: startField
                    Layout.fillWidth: true
                    accessibleName: qsTr("Planned start")
                }
                Label { text: qsTr("Planned end"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                MonthField {
                    id: endField
                    Layout.fillWidth: true
                    accessibleName: qsTr("Planned end")
                }

                GridLayout {
                    Layout.fillWidth: true
                    columns: form.width >= 560 ? 2 : 1
                    columnSpacing: Theme.spacingL
                    rowSpacing: Theme.spacingS
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Label { text: qsTr("Budget"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                        FormTextField {
                            id: budgetField
                            objectName: "budgetField"
                            Layout.fillWidth: true
                            suffix: "€"
                            horizontalAlignment: TextInput.AlignRight
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                            Accessible.name: qsTr("Budget, in euros")
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Label { text: qsTr("Expected savings"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                        FormTextField {
                            id: savingsField
                            Layout.fillWidth: true
                            suffix: qsTr("MWh/year")
                            horizontalAlignment: TextInput.AlignRight
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                            Accessible.name: qsTr("Expected savings, MWh a year")
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Label { text: qsTr("Expected renewable production"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                        FormTextField {
                            id: renewableField
                            Layout.fillWidth: true
                            suffix: qsTr("MWh/year")
                            horizontalAlignment: TextInput.AlignRight
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                            Accessible.name: qsTr("Expected renewable production, MWh a year")
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.preferredWidth: 1
                        Label { text: qsTr("Expected CO₂ reduction"); font.weight: Font.DemiBold; color: Theme.textPrimary }
                        FormTextField {
                            id: co2Field
                            Layout.fillWidth: true
                            suffix: qsTr("t/year")
                            horizontalAlignment: TextInput.AlignRight
                            inputMethodHints: Qt.ImhFormattedNumbersOnly
                            invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                            Accessible.name: qsTr("Expected CO₂ reduction, tonnes a year")
                        }
                    }
                }

                Switch {
                    id: keySwitch
                    text: qsTr("Key action of the plan")
                    font.pixelSize: Theme.fontBody
                }

                Label {
                    Layout.fillWidth: true
                    visible: page.errorText.length > 0
                    text: page.errorText
                    wrapMode: Text.Wrap
                    color: Theme.error
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }

                PrimaryButton {
                    objectName: "saveButton"
                    Layout.fillWidth: true
                    text: App.saving ? qsTr("Saving…") : qsTr("Save plan")
                    enabled: page.measure.exists && !App.saving && titleField.text.trim().length > 0
                    onClicked: page.save()
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Saved on this device and synced; what others changed meanwhile is kept, field by field.")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                    wrapMode: Text.Wrap
                }
            }
        }
    }
}
