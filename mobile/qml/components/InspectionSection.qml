// The inspections of a site or a measure on its page: the drafts on this
// device ("continue"), the submitted ones with their outcome, and "Start
// inspection", which asks for the checklist when there is more than one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

ColumnLayout {
    id: root

    property string siteId
    property string measureId
    property bool canInspect: App.role === "field" || App.role === "coordinator" || App.role === "admin"
    readonly property alias count: inspections.count
    readonly property var templates: (App.dataRevision, App.inspectionTemplates())
    // A checklist was chosen for a new inspection.
    signal startRequested(string templateId)
    signal inspectionActivated(string inspectionId, bool isDraft)

    function start() {
        if (templates.length === 1)
            startRequested(templates[0].id)
        else if (templates.length > 1)
            picker.open()
    }

    spacing: 0

    InspectionsModel {
        id: inspections
        app: App
        siteId: root.measureId.length > 0 ? "" : root.siteId
        measureId: root.measureId
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacingL + 4
        Layout.rightMargin: Theme.spacingL
        SectionTitle {
            Layout.fillWidth: true
            topPadding: Theme.spacingXl
            text: inspections.count > 0 ? qsTr("Inspections (%1)").arg(inspections.count) : qsTr("Inspections")
        }
        SecondaryButton {
            objectName: "startInspectionButton"
            Layout.alignment: Qt.AlignBottom
            Layout.bottomMargin: Theme.spacingXs
            visible: root.canInspect && root.templates.length > 0
            iconName: "checklist"
            text: qsTr("Start inspection")
            onClicked: root.start()
        }
    }

    Repeater {
        model: inspections
        delegate: ItemDelegate {
            id: row
            required property string inspectionId
            required property bool isDraft
            required property string templateName
            required property string dateText
            required property int outcome
            required property string findings
            required property string amendsId
            required property int answered
            required property int itemCount
            required property bool pending
            required property int photoCount
            required property int index

            Layout.fillWidth: true
            implicitHeight: Math.max(Theme.listRowHeight, rowColumn.implicitHeight + topPadding + bottomPadding)
            leftPadding: Theme.spacingL
            rightPadding: Theme.spacingS
            topPadding: Theme.spacingM
            bottomPadding: Theme.spacingM
            Accessible.role: Accessible.Button
            Accessible.name: [isDraft ? qsTr("Draft") : Labels.outcomeName(outcome), templateName, dateText,
                              findings].filter(s => s.length > 0).join(", ")
            onClicked: root.inspectionActivated(inspectionId, isDraft)

            background: Rectangle {
                color: row.down ? Theme.surfaceMuted : Theme.surface
                Rectangle {
                    visible: row.index < inspections.count - 1
                    anchors.left: parent.left
                    anchors.leftMargin: Theme.spacingL
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    height: 1
                    color: Theme.divider
                }
            }

            contentItem: RowLayout {
                spacing: Theme.spacingM
                ColumnLayout {
                    id: rowColumn
                    Layout.fillWidth: true
                    spacing: 4
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        Label {
                            text: row.dateText
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                        OutcomeChip {
                            outcome: row.outcome
                            draft: row.isDraft
                        }
                        Label {
                            visible: row.amendsId.length > 0
                            text: qsTr("Amendment")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                        }
                        Item { Layout.fillWidth: true }
                        AppIcon {
                            visible: row.pending
                            name: "cloudOff"
                            color: Theme.textTertiary
                            size: 18
                            Accessible.name: qsTr("Waiting to sync")
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: row.templateName
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        elide: Text.ElideRight
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: row.isDraft
                        text: qsTr("%1 of %2 questions answered · tap to continue").arg(row.answered).arg(row.itemCount)
                        font.pixelSize: Theme.fontSmall
                        color: Theme.warning
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !row.isDraft && row.findings.length > 0
                        text: row.findings
                        font.pixelSize: Theme.fontBody
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
                AppIcon {
                    name: "chevron"
                    color: Theme.textTertiary
                    size: 22
                }
            }
        }
    }

    Label {
        Layout.fillWidth: true
        Layout.leftMargin: Theme.spacingL + 4
        Layout.rightMargin: Theme.spacingL
        visible: inspections.count === 0
        text: root.templates.length > 0 ? qsTr("No inspection yet. Start one on site: the checklist works offline.")
                                        : qsTr("No checklist on this device yet. Sync to get your municipality's checklists.")
        font.pixelSize: Theme.fontSmall
        color: Theme.textSecondary
        wrapMode: Text.Wrap
    }

    // Which checklist: verification of a measure, the SECAP audit, …
    Dialog {
        id: picker
        objectName: "templatePicker"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 2 * Theme.spacingL : 400, 480)
        modal: true
        title: qsTr("Choose a checklist")
        standardButtons: Dialog.Cancel
        contentItem: ColumnLayout {
            spacing: 0
            Repeater {
                model: root.templates
                delegate: ItemDelegate {
                    required property var modelData
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.touchTarget, templateColumn.implicitHeight + 2 * Theme.spacingS)
                    Accessible.name: modelData.name
                    onClicked: {
                        picker.close()
                        root.startRequested(modelData.id)
                    }
                    contentItem: ColumnLayout {
                        id: templateColumn
                        spacing: 2
                        Label {
                            Layout.fillWidth: true
                            text: parent.parent.modelData.name
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.fillWidth: true
                            text: Labels.questions(parent.parent.modelData.itemCount)
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                        }
                    }
                }
            }
        }
    }
}
