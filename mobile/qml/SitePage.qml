// One site: what it is and where, and its meters with their latest reading.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string siteId
    readonly property var site: (App.dataRevision, App.siteDetails(siteId))
    signal meterActivated(string meterId)
    signal measureActivated(string measureId)
    signal inspectionStartRequested(string templateId, string siteId)
    signal inspectionActivated(string inspectionId, bool isDraft)

    title: site.exists ? site.name : qsTr("Site")
    background: Rectangle { color: Theme.background }

    MeasuresModel {
        id: siteMeasures
        app: App
        siteId: page.siteId
    }

    MetersModel {
        id: meters
        app: App
        siteId: page.siteId
    }

    ListView {
        id: list
        anchors.fill: parent
        clip: true
        model: meters
        boundsBehavior: Flickable.StopAtBounds
        ScrollIndicator.vertical: ScrollIndicator {}

        header: ColumnLayout {
            width: ListView.view.width
            spacing: 0

            Card {
                Layout.fillWidth: true
                Layout.margins: Theme.spacingL
                Layout.bottomMargin: 0

                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingM

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingM
                        CarrierBadge {
                            diameter: 52
                            iconName: Labels.siteKindIcon(page.site.kind || 0)
                            tint: Theme.primary
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: page.site.exists ? page.site.name : qsTr("Unknown site")
                                font.pixelSize: Theme.fontHeadline
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                                wrapMode: Text.Wrap
                                Accessible.role: Accessible.Heading
                            }
                            Label {
                                Layout.fillWidth: true
                                text: Labels.siteKindName(page.site.kind || 0)
                                      + (page.site.municipalityName ? "  ·  " + page.site.municipalityName : "")
                                font.pixelSize: Theme.fontBody
                                color: Theme.textSecondary
                                wrapMode: Text.Wrap
                            }
                        }
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: 1
                        color: Theme.divider
                        visible: addressRow.visible || facts.visible
                    }

                    RowLayout {
                        id: addressRow
                        Layout.fillWidth: true
                        visible: (page.site.address || "").length > 0
                        spacing: Theme.spacingS
                        AppIcon {
                            Layout.alignment: Qt.AlignTop
                            name: "place"
                            color: Theme.textSecondary
                            size: 20
                        }
                        Label {
                            Layout.fillWidth: true
                            text: page.site.address || ""
                            font.pixelSize: Theme.fontBody
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                        }
                    }

                    Flow {
                        id: facts
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        visible: page.site.heatedArea !== undefined || page.site.yearBuilt !== undefined

                        Repeater {
                            model: [
                                page.site.heatedArea !== undefined
                                    ? qsTr("%1 m² heated").arg(App.formatNumber(page.site.heatedArea)) : "",
                                page.site.yearBuilt !== undefined
                                    ? qsTr("Built %1").arg(page.site.yearBuilt) : ""
                            ].filter(s => s.length > 0)
                            delegate: Rectangle {
                                required property string modelData
                                implicitHeight: 30
                                implicitWidth: factLabel.implicitWidth + 2 * Theme.spacingM
                                radius: 15
                                color: Theme.surfaceMuted
                                border.color: Theme.divider
                                Label {
                                    id: factLabel
                                    anchors.centerIn: parent
                                    text: parent.modelData
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textSecondary
                                }
                            }
                        }
                    }
                }
            }

            SectionTitle {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingL + 4
                topPadding: Theme.spacingXl
                text: meters.count > 0 ? qsTr("Meters (%1)").arg(meters.count) : qsTr("Meters")
            }
        }

        delegate: ListRow {
            required property string meterId
            required property string serial
            required property int carrier
            required property int unit
            required property bool removed
            required property bool hasLastReading
            required property string lastValueText
            required property string lastDateText
            required property int index

            width: ListView.view.width
            title: Labels.carrierName(carrier)
            subtitle: serial.length > 0 ? qsTr("No. %1").arg(serial) : qsTr("No serial number")
            detail: removed ? qsTr("Removed") : ""
            iconName: Labels.carrierIcon(carrier)
            iconTint: Theme.carrierColor(carrier)
            trailingText: hasLastReading ? lastValueText + " " + Labels.unitSymbol(unit) : qsTr("No readings")
            trailingColor: hasLastReading ? Theme.textPrimary : Theme.textTertiary
            trailingSubtext: hasLastReading ? lastDateText : ""
            showDivider: index < meters.count - 1
            opacity: removed ? 0.6 : 1
            onClicked: page.meterActivated(meterId)
        }

        // The site's inspections (the SECAP audit at the town hall, a
        // measure's verification) below its meters.
        footer: ColumnLayout {
            width: ListView.view.width
            spacing: 0
            // The SECAP measures carried out here.
            SectionTitle {
                Layout.fillWidth: true
                Layout.leftMargin: Theme.spacingL + 4
                visible: siteMeasures.count > 0
                topPadding: Theme.spacingXl
                text: qsTr("Measures here (%1)").arg(siteMeasures.count)
            }
            Repeater {
                model: siteMeasures
                delegate: ItemDelegate {
                    id: measureRow
                    required property string measureId
                    required property string code
                    required property string title
                    required property int status
                    required property real percent
                    required property int index
                    objectName: "siteMeasure" + index
                    Layout.fillWidth: true
                    implicitHeight: Math.max(Theme.listRowHeight, measureColumn.implicitHeight + 2 * Theme.spacingM)
                    leftPadding: Theme.spacingL
                    rightPadding: Theme.spacingS
                    Accessible.role: Accessible.Button
                    Accessible.name: [code, title, Labels.progressStatusName(status)].join(", ")
                    onClicked: page.measureActivated(measureId)
                    background: Rectangle {
                        color: measureRow.down ? Theme.surfaceMuted : Theme.surface
                        Rectangle {
                            visible: measureRow.index < siteMeasures.count - 1
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
                        Rectangle {
                            implicitWidth: 44
                            implicitHeight: 36
                            radius: Theme.radiusSmall
                            color: Theme.primaryLight
                            Label {
                                anchors.centerIn: parent
                                text: measureRow.code || "–"
                                font.pixelSize: Theme.fontSmall
                                font.weight: Font.Bold
                                color: Theme.primary
                            }
                        }
                        ColumnLayout {
                            id: measureColumn
                            Layout.fillWidth: true
                            spacing: 4
                            Label {
                                Layout.fillWidth: true
                                text: measureRow.title
                                font.pixelSize: Theme.fontBody
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                                wrapMode: Text.Wrap
                                maximumLineCount: 2
                                elide: Text.ElideRight
                            }
                            RowLayout {
                                spacing: Theme.spacingS
                                StatusChip {
                                    status: measureRow.status
                                }
                                Label {
                                    visible: measureRow.percent >= 0
                                    text: qsTr("%1 %").arg(App.formatNumber(Math.round(measureRow.percent)))
                                    font.pixelSize: Theme.fontSmall
                                    color: Theme.textSecondary
                                }
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
            InspectionSection {
                Layout.fillWidth: true
                siteId: page.siteId
                onStartRequested: templateId => page.inspectionStartRequested(templateId, page.siteId)
                onInspectionActivated: (inspectionId, isDraft) => page.inspectionActivated(inspectionId, isDraft)
            }
            Item { implicitWidth: 1; implicitHeight: Theme.spacingXl }
        }

        EmptyState {
            anchors.horizontalCenter: parent.horizontalCenter
            y: list.headerItem ? list.headerItem.height + Theme.spacingL : 0
            width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
            visible: meters.count === 0
            iconName: "gauge"
            title: qsTr("No meters at this site")
            text: qsTr("Meters appear here once the coordinator adds them and the device syncs.")
        }
    }
}
