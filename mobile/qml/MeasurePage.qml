// One SECAP measure: where it stands, its plan as the Covenant of Mayors
// template records it, the money, the expected and verified results, and
// its progress history. Field staff add progress here; the plan itself is
// the coordinator's (DESIGN.md §3, §7).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string measureId
    readonly property var measure: (App.dataRevision, App.measureDetails(measureId))
    // Verified savings from the offline report (computed in the background).
    readonly property var results: progress.report.measures ? (progress.report.measures[measureId] || ({})) : ({})
    readonly property bool canReport: App.role === "field" || App.role === "coordinator" || App.role === "admin"
    readonly property bool wide: width >= 760
    signal addProgressRequested(string measureId)
    signal editRequested(string measureId)
    signal inspectionStartRequested(string templateId, string siteId)
    signal inspectionActivated(string inspectionId, bool isDraft)

    function datesText() {
        const start = measure.plannedStart !== undefined ? App.formatMonthYear(measure.plannedStart) : ""
        const end = measure.plannedEnd !== undefined ? App.formatMonthYear(measure.plannedEnd) : ""
        if (start && end)
            return qsTr("%1 – %2").arg(start).arg(end)
        return start || end || qsTr("Not planned yet")
    }

    function mwh(value) {
        return qsTr("%1 MWh/year").arg(App.formatNumber(Math.round(value * 10) / 10))
    }

    title: measure.exists ? (measure.code ? measure.code + "  " + measure.title : measure.title) : qsTr("Measure")
    background: Rectangle { color: Theme.background }

    MunicipalityProgress {
        id: progress
        app: App
    }

    ProgressUpdatesModel {
        id: updates
        app: App
        measureId: page.measureId
    }

    PhotoViewer {
        id: viewer
    }

    // One scrolling column: the cards, then the history (a few dozen
    // updates at most, so a Repeater; a ListView header would keep a stale
    // offset while the cards settle).
    Flickable {
        id: flick
        anchors.fill: parent
        clip: true
        contentWidth: width
        contentHeight: content.implicitHeight + Theme.spacingXl
        boundsBehavior: Flickable.StopAtBounds
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: content
            width: flick.width
            spacing: 0

            GridLayout {
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.bottomMargin: 0
                columns: page.wide ? 2 : 1
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingL

                // Where it stands.
                Card {
                    Layout.fillWidth: true
                    Layout.columnSpan: page.wide ? 2 : 1

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingM

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingM
                            Rectangle {
                                Layout.alignment: Qt.AlignTop
                                implicitWidth: 64
                                implicitHeight: 52
                                radius: Theme.radiusSmall
                                color: page.measure.measureType === 2 ? Theme.accentLight : Theme.primaryLight
                                Label {
                                    anchors.fill: parent
                                    anchors.margins: 2
                                    text: page.measure.code || "–"
                                    horizontalAlignment: Text.AlignHCenter
                                    verticalAlignment: Text.AlignVCenter
                                    font.pixelSize: Theme.fontTitle
                                    font.weight: Font.Bold
                                    color: page.measure.measureType === 2 ? Theme.success : Theme.primary
                                    elide: Text.ElideRight
                                }
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 2
                                Label {
                                    Layout.fillWidth: true
                                    text: page.measure.exists ? page.measure.title : qsTr("Unknown measure")
                                    font.pixelSize: Theme.fontHeadline
                                    font.weight: Font.DemiBold
                                    color: Theme.textPrimary
                                    wrapMode: Text.Wrap
                                    Accessible.role: Accessible.Heading
                                }
                                Label {
                                    Layout.fillWidth: true
                                    text: Labels.measureTypeName(page.measure.measureType || 1) + "  ·  "
                                          + Labels.sectorName(page.measure.comSector || "")
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.textSecondary
                                    wrapMode: Text.Wrap
                                }
                            }
                        }

                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS
                            StatusChip {
                                status: page.measure.status || 1
                                large: true
                            }
                            Rectangle {
                                visible: page.results.verified === true
                                implicitHeight: 30
                                implicitWidth: verifiedRow.implicitWidth + 24
                                radius: 15
                                color: Theme.accentLight
                                Accessible.role: Accessible.StaticText
                                Accessible.name: verifiedLabel.text
                                Row {
                                    id: verifiedRow
                                    anchors.centerIn: parent
                                    spacing: 4
                                    AppIcon {
                                        anchors.verticalCenter: parent.verticalCenter
                                        name: "verified"
                                        color: Theme.success
                                        size: 18
                                    }
                                    Label {
                                        id: verifiedLabel
                                        anchors.verticalCenter: parent.verticalCenter
                                        text: qsTr("Verified on site")
                                        font.pixelSize: Theme.fontSmall + 1
                                        font.weight: Font.DemiBold
                                        color: Theme.success
                                    }
                                }
                            }
                            Rectangle {
                                visible: page.measure.keyAction === true
                                implicitHeight: 30
                                implicitWidth: keyLabel.implicitWidth + 24
                                radius: 15
                                color: Theme.surfaceMuted
                                border.color: Theme.divider
                                Label {
                                    id: keyLabel
                                    anchors.centerIn: parent
                                    text: qsTr("Key action")
                                    font.pixelSize: Theme.fontSmall + 1
                                    color: Theme.textSecondary
                                }
                            }
                        }

                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingM
                            visible: page.measure.percent !== undefined
                            Label {
                                text: qsTr("%1 %").arg(App.formatNumber(Math.round(page.measure.percent || 0)))
                                font.pixelSize: Theme.fontDisplay
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                            }
                            ColumnLayout {
                                Layout.fillWidth: true
                                spacing: 6
                                Label {
                                    text: qsTr("complete")
                                    font.pixelSize: Theme.fontBody
                                    color: Theme.textSecondary
                                }
                                PercentBar {
                                    Layout.fillWidth: true
                                    implicitHeight: 8
                                    percent: page.measure.percent !== undefined ? page.measure.percent : -1
                                    barColor: Theme.statusColor(page.measure.status || 1)
                                }
                            }
                        }

                        Label {
                            Layout.fillWidth: true
                            text: page.measure.lastReportedAt !== undefined
                                  ? qsTr("Last update %1").arg(App.formatDate(page.measure.lastReportedAt))
                                  : qsTr("No progress reported yet")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                        }

                        PrimaryButton {
                            Layout.fillWidth: true
                            visible: page.canReport && page.measure.exists
                            text: qsTr("Add progress")
                            onClicked: page.addProgressRequested(page.measureId)
                        }
                        SecondaryButton {
                            objectName: "verifyButton"
                            Layout.fillWidth: true
                            Layout.topMargin: -Theme.spacingXs
                            visible: inspectionSection.canInspect && inspectionSection.templates.length > 0
                            iconName: "checklist"
                            text: qsTr("Start inspection")
                            onClicked: inspectionSection.start()
                        }
                    }
                }

                // The plan, as in the action plan's template.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.alignment: Qt.AlignTop

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS

                        RowLayout {
                            Layout.fillWidth: true
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("Plan")
                                font.pixelSize: Theme.fontTitle
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                                Accessible.role: Accessible.Heading
                            }
                            // The plan is the coordinator's (field staff are not offered it).
                            SecondaryButton {
                                objectName: "editPlanButton"
                                visible: App.canEditMeasures && page.measure.exists
                                flat: true
                                iconName: "settings"
                                text: qsTr("Edit")
                                Accessible.name: qsTr("Edit the plan of this measure")
                                onClicked: page.editRequested(page.measureId)
                            }
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: (page.measure.description || "").length > 0
                            text: page.measure.description || ""
                            font.pixelSize: Theme.fontBody
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Area")
                            value: Labels.areaName(page.measure.area || "")
                            visible: (page.measure.area || "").length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Instrument")
                            value: Labels.instrumentName(page.measure.instrument || "")
                            visible: (page.measure.instrument || "").length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Responsible")
                            value: page.measure.responsibleBody || ""
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Planned")
                            value: page.datesText()
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("In operation since")
                            value: page.measure.implementedAt !== undefined ? App.formatDate(page.measure.implementedAt) : ""
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: page.measure.siteNames && page.measure.siteNames.length === 1 ? qsTr("Site") : qsTr("Sites")
                            value: (page.measure.siteNames || []).join(", ")
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Funding")
                            value: (page.measure.fundingSources || []).join(", ")
                            visible: value.length > 0
                        }
                    }
                }

                // Money and results.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.alignment: Qt.AlignTop

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS

                        Label {
                            text: qsTr("Budget and results")
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            Accessible.role: Accessible.Heading
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Budget")
                            value: page.measure.budget !== undefined ? App.formatEuro(page.measure.budget) : qsTr("Not set")
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Spent so far")
                            value: page.measure.spent !== undefined ? App.formatEuro(page.measure.spent) : qsTr("Not reported")
                        }
                        PercentBar {
                            Layout.fillWidth: true
                            Layout.leftMargin: 136 + Theme.spacingM
                            visible: page.measure.spent !== undefined && (page.measure.budget || 0) > 0
                            percent: visible ? 100 * page.measure.spent / page.measure.budget : -1
                            barColor: page.measure.spent > page.measure.budget ? Theme.error : Theme.primary
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Expected savings")
                            value: page.measure.expectedSavingsMwh !== undefined ? page.mwh(page.measure.expectedSavingsMwh) : ""
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Expected renewable energy")
                            value: page.measure.expectedRenewableMwh !== undefined ? page.mwh(page.measure.expectedRenewableMwh) : ""
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Expected CO₂ cut")
                            value: page.measure.expectedCo2T !== undefined
                                   ? qsTr("%1 t/year").arg(App.formatNumber(Math.round(page.measure.expectedCo2T * 10) / 10)) : ""
                            visible: value.length > 0
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Measured savings")
                            valueColor: page.results.verifiedSavingsMwh !== undefined ? Theme.success : Theme.textSecondary
                            value: page.results.verifiedSavingsMwh !== undefined
                                   ? page.mwh(page.results.verifiedSavingsMwh)
                                     + (page.results.realisationRate !== undefined
                                        ? "  " + qsTr("(%1 % of expected)").arg(App.formatNumber(Math.round(100 * page.results.realisationRate)))
                                        : "")
                                   : (progress.loading ? qsTr("Calculating…") : qsTr("Not measurable yet"))
                        }
                    }
                }
            }

            // Verification on site: needs a site, the measure's first one.
            InspectionSection {
                id: inspectionSection
                objectName: "measureInspections"
                Layout.fillWidth: true
                measureId: page.measureId
                canInspect: page.canReport && (page.measure.siteIds || []).length > 0
                onStartRequested: templateId => page.inspectionStartRequested(templateId, page.measure.siteIds[0])
                onInspectionActivated: (inspectionId, isDraft) => page.inspectionActivated(inspectionId, isDraft)
            }

            SectionTitle {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingL + 4
                topPadding: Theme.spacingXl
                text: updates.count > 0 ? qsTr("Progress history (%1)").arg(updates.count) : qsTr("Progress history")
            }

            Repeater {
                model: updates
                delegate: historyEntry
            }

            EmptyState {
                Layout.alignment: Qt.AlignHCenter
                Layout.topMargin: Theme.spacingL
                Layout.maximumWidth: Math.min(flick.width - 2 * Theme.spacingXl, 360)
                visible: updates.count === 0 && page.measure.exists
                iconName: "history"
                title: qsTr("No progress reported yet")
                text: qsTr("Add the first update when work starts: its status, what was spent and a photo.")
            }
        }
    }

    Component {
        id: historyEntry

        Rectangle {
            id: entry
            required property string dateText
            required property int status
            required property real percent
            required property real spent
            required property string note
            required property var indicators
            required property var photoUrls
            required property int index

            Layout.fillWidth: true
            implicitHeight: entryColumn.implicitHeight + 2 * Theme.spacingM
            color: Theme.surface
            Accessible.role: Accessible.ListItem
            Accessible.name: [dateText, Labels.progressStatusName(status),
                              percent >= 0 ? qsTr("%1 % done").arg(App.formatNumber(Math.round(percent))) : "", note]
                             .filter(s => s.length > 0).join(", ")

            Rectangle {
                visible: entry.index < updates.count - 1
                anchors.left: parent.left
                anchors.leftMargin: Theme.spacingL
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: 1
                color: Theme.divider
            }

            ColumnLayout {
                id: entryColumn
                x: Theme.spacingL
                y: Theme.spacingM
                width: parent.width - 2 * Theme.spacingL
                spacing: 6

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    Label {
                        text: entry.dateText
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    StatusChip {
                        status: entry.status
                    }
                    Item { Layout.fillWidth: true }
                    Label {
                        visible: entry.percent >= 0
                        text: qsTr("%1 %").arg(App.formatNumber(Math.round(entry.percent)))
                        font.pixelSize: Theme.fontBody
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                }
                Label {
                    Layout.fillWidth: true
                    visible: entry.spent >= 0
                    text: qsTr("Spent %1").arg(App.formatEuro(entry.spent))
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
                Label {
                    Layout.fillWidth: true
                    visible: entry.note.length > 0
                    text: entry.note
                    font.pixelSize: Theme.fontBody
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
                Flow {
                    Layout.fillWidth: true
                    visible: entry.indicators.length > 0
                    spacing: Theme.spacingS
                    Repeater {
                        model: entry.indicators
                        delegate: Rectangle {
                            required property var modelData
                            implicitHeight: 28
                            implicitWidth: indicatorText.implicitWidth + 2 * Theme.spacingM
                            radius: 14
                            color: Theme.accentLight
                            Label {
                                id: indicatorText
                                anchors.centerIn: parent
                                text: Labels.indicatorName(parent.modelData.key) + ": " + parent.modelData.valueText
                                      + (parent.modelData.unit ? " " + parent.modelData.unit : "")
                                font.pixelSize: Theme.fontSmall
                                color: Theme.success
                            }
                        }
                    }
                }
                Row {
                    visible: entry.photoUrls.length > 0
                    spacing: Theme.spacingS
                    Repeater {
                        model: entry.photoUrls
                        delegate: AbstractButton {
                            required property url modelData
                            implicitWidth: 72
                            implicitHeight: 72
                            Accessible.role: Accessible.Button
                            Accessible.name: qsTr("Show the photo")
                            onClicked: {
                                viewer.source = modelData
                                viewer.caption = entry.dateText
                                viewer.open()
                            }
                            contentItem: Image {
                                source: parent.modelData
                                fillMode: Image.PreserveAspectCrop
                                sourceSize.width: 144
                                sourceSize.height: 144
                                asynchronous: true
                            }
                            background: Rectangle { color: Theme.divider; radius: 4 }
                        }
                    }
                }
            }
        }
    }
}
