// Needs attention: what the server refused from this device, each with its
// reason in words and the fix that fits (correct the value, send again,
// fix the time), and the readings the server flagged as odd. Nothing leaves
// this list unless the user fixes it or says to discard it.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    // The card being corrected, and the message of the last failed fix.
    property string editingKey
    property var failures: ({})
    // The flagged readings are still being gathered.
    readonly property bool loading: inbox.loading
    // The confirmation asked before a discard (for tests).
    readonly property alias discardConfirmation: discardDialog
    signal meterRequested(string meterId)

    function titleOf(row) {
        switch (row.entityType) {
        case "reading":
            return row.serial ? qsTr("Reading of meter %1").arg(row.serial) : qsTr("Reading")
        case "progress_update":
            return qsTr("Progress of %1").arg(row.measureCode ? row.measureCode + " " + row.measureTitle
                                                                : row.measureTitle)
        case "attachment":
            return qsTr("Photo")
        case "inspection":
            return qsTr("Inspection")
        default:
            return qsTr("Change of a record (%1)").arg(row.entityType.replace(/_/g, " "))
        }
    }

    function valueOf(row) {
        if (!row.hasValue)
            return ""
        if (row.entityType === "progress_update")
            return qsTr("%1 %").arg(row.valueText)
        return row.valueText + " " + Labels.unitSymbol(row.unit)
    }

    title: qsTr("Needs attention")
    background: Rectangle { color: Theme.background }

    NeedsAttentionModel {
        id: inbox
        app: App
    }

    Connections {
        target: App
        function onAttentionFixed(key) {
            if (page.editingKey === key)
                page.editingKey = ""
            let f = Object.assign({}, page.failures)
            delete f[key]
            page.failures = f
        }
        function onAttentionFailed(key, reasonCode, message) {
            let f = Object.assign({}, page.failures)
            f[key] = Labels.reasonMessage(reasonCode, message)
            page.failures = f
        }
    }

    Dialog {
        id: discardDialog
        property string key
        property int seq: 0
        property string what
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 2 * Theme.spacingXl : 360, 420)
        modal: true
        title: qsTr("Discard this change?")
        standardButtons: Dialog.NoButton

        contentItem: ColumnLayout {
            spacing: Theme.spacingL
            Label {
                Layout.fillWidth: true
                text: qsTr("%1 will be deleted from this device and will never reach the server. This cannot be undone.")
                      .arg(discardDialog.what)
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
                        App.discardChange(discardDialog.key, discardDialog.seq)
                        discardDialog.close()
                    }
                }
            }
        }
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: inbox
        spacing: Theme.spacingM
        topMargin: Theme.spacingL
        bottomMargin: Theme.spacingXl
        boundsBehavior: Flickable.StopAtBounds
        ScrollIndicator.vertical: ScrollIndicator {}

        section.property: "kind"
        section.delegate: SectionTitle {
            required property string section
            x: Theme.spacingL + 4
            width: ListView.view.width - 2 * Theme.spacingL
            text: section === "rejected" ? qsTr("Refused by the server") : qsTr("Flagged readings")
        }

        delegate: Card {
            id: card
            required property var model
            required property int index
            readonly property bool editing: page.editingKey === model.key
            readonly property bool rejected: model.kind === "rejected"

            objectName: "card_" + model.kind
            x: Theme.spacingL
            width: Math.min(ListView.view.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            Accessible.role: Accessible.ListItem
            Accessible.name: page.titleOf(model) + ". " + reasonLabel.text

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingS

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingM
                    CarrierBadge {
                        Layout.alignment: Qt.AlignTop
                        iconName: card.rejected ? "warning" : "flag"
                        tint: card.rejected ? Theme.error : Theme.warning
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: page.titleOf(card.model)
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: text.length > 0
                            text: [page.valueOf(card.model), card.model.dateText, card.model.siteName]
                                  .filter(s => s && s.length > 0).join("  ·  ")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                    }
                }

                Label {
                    id: reasonLabel
                    Layout.fillWidth: true
                    text: card.rejected ? Labels.reasonMessage(card.model.reasonCode, card.model.message)
                                        : card.model.flags.map(f => Labels.flagText(f)).join(", ")
                                          + ". " + qsTr("Your coordinator will look at it. If it was misread, enter the right value.")
                    font.pixelSize: Theme.fontBody
                    color: card.rejected ? Theme.error : Theme.warning
                    wrapMode: Text.Wrap
                }

                // The correction, typed in place.
                RowLayout {
                    Layout.fillWidth: true
                    visible: card.editing
                    spacing: Theme.spacingS
                    FormTextField {
                        id: correction
                        objectName: "correction"
                        Layout.fillWidth: true
                        suffix: card.model.entityType === "progress_update" ? "%" : Labels.unitSymbol(card.model.unit)
                        inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                        invalid: text.trim().length > 0 && App.parseNumber(text) === undefined
                        Accessible.name: qsTr("Correct value")
                        onAccepted: saveCorrection.clicked()
                    }
                    PrimaryButton {
                        id: saveCorrection
                        objectName: "saveCorrection"
                        text: qsTr("Save")
                        enabled: App.parseNumber(correction.text) !== undefined && !App.saving
                        onClicked: card.rejected ? App.correctChange(card.model.key, card.model.seq, correction.text)
                                                 : App.correctReading(card.model.key, card.model.entityId, correction.text)
                    }
                }

                Label {
                    Layout.fillWidth: true
                    visible: page.failures[card.model.key] !== undefined
                    text: page.failures[card.model.key] || ""
                    font.pixelSize: Theme.fontSmall
                    color: Theme.error
                    wrapMode: Text.Wrap
                    Accessible.role: Accessible.AlertMessage
                    Accessible.name: text
                }

                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    SecondaryButton {
                        objectName: "fixButton"
                        visible: !!card.model.fix && !card.editing
                        iconName: card.model.fix === "correct" ? "history" : "sync"
                        text: card.model.fix === "correct" ? qsTr("Correct the value")
                              : card.model.fix === "restamp" ? qsTr("Fix the time and send")
                              : qsTr("Send again")
                        onClicked: {
                            if (card.model.fix === "correct") {
                                correction.text = card.model.valueText
                                page.editingKey = card.model.key
                                // Once the field shows (this button hides).
                                Qt.callLater(() => {
                                    correction.forceActiveFocus()
                                    correction.selectAll()
                                })
                            } else if (card.model.fix === "restamp") {
                                App.restampChanges(card.model.key)
                            } else {
                                App.resendChange(card.model.key, card.model.seq)
                            }
                        }
                    }
                    SecondaryButton {
                        visible: card.editing
                        text: qsTr("Cancel")
                        onClicked: page.editingKey = ""
                    }
                    SecondaryButton {
                        visible: !!card.model.meterId && !card.editing
                        iconName: "gauge"
                        text: qsTr("Open the meter")
                        onClicked: page.meterRequested(card.model.meterId)
                    }
                    SecondaryButton {
                        objectName: "discardButton"
                        visible: card.rejected && !card.editing
                        destructive: true
                        iconName: "delete"
                        text: qsTr("Discard…")
                        onClicked: {
                            discardDialog.key = card.model.key
                            discardDialog.seq = card.model.seq
                            discardDialog.what = page.titleOf(card.model)
                            discardDialog.open()
                        }
                    }
                }
            }
        }

        EmptyState {
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.spacingXl, 380)
            visible: inbox.count === 0 && !inbox.loading
            iconName: "check"
            title: qsTr("Nothing needs attention")
            text: qsTr("Changes the server refuses and readings it finds odd appear here, with what to do.")
        }
    }
}
