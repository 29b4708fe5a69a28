// The municipality's SECAP measures: searchable, filtered by status, each
// with its plan code, where it stands and how far it has come.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    // The measure shown next to the list on wide screens, highlighted.
    property string currentMeasureId
    signal measureActivated(string measureId)

    title: qsTr("Measures")
    background: Rectangle { color: Theme.background }

    MeasuresModel {
        id: measures
        app: App
        filter: search.text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            Layout.fillWidth: true
            padding: Theme.spacingL
            bottomPadding: Theme.spacingS
            background: Rectangle { color: Theme.background }

            RowLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingS
                SearchField {
                    id: search
                    Layout.fillWidth: true
                    placeholderText: qsTr("Search measures, codes or sectors")
                    accessibleName: qsTr("Search measures")
                }
                // The Covenant sector: all, or one the plan has measures in.
                ComboBox {
                    id: sectorBox
                    objectName: "sectorFilter"
                    readonly property var keys: (App.dataRevision, measures.totalCount, [""].concat(measures.sectors()))
                    Layout.preferredWidth: Math.min(200, page.width * 0.36)
                    implicitHeight: 52
                    visible: keys.length > 2
                    model: keys.map(k => k.length === 0 ? qsTr("All sectors") : Labels.sectorName(k))
                    // Short while every sector shows; the sector's name once one is chosen.
                    displayText: currentIndex <= 0 ? qsTr("Sector") : currentText
                    Accessible.name: qsTr("Filter by sector")
                    onActivated: index => measures.sectorFilter = keys[index]
                }
            }
        }

        // Status filter: "All" and every status some measure has.
        ListView {
            id: filters
            Layout.fillWidth: true
            Layout.preferredHeight: Theme.touchTarget
            Layout.bottomMargin: Theme.spacingS
            orientation: ListView.Horizontal
            spacing: Theme.spacingS
            leftMargin: Theme.spacingL
            rightMargin: Theme.spacingL
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            visible: measures.totalCount > 0
            model: (App.dataRevision, measures.totalCount, measures.sectorFilter, [0, 2, 3, 1, 4, 5].filter(
                        s => s === 0 || measures.countWithStatus(s) > 0))
            Accessible.role: Accessible.PageTabList
            Accessible.name: qsTr("Filter by status")

            delegate: AbstractButton {
                id: chip
                required property int modelData
                readonly property bool active: measures.statusFilter === modelData
                readonly property int n: measures.countWithStatus(modelData)

                implicitHeight: Theme.touchTarget
                implicitWidth: chipText.implicitWidth + 2 * Theme.spacingL
                focusPolicy: Qt.StrongFocus
                Accessible.role: Accessible.PageTab
                Accessible.name: chipText.text
                Accessible.checkable: true
                Accessible.checked: active
                onClicked: measures.statusFilter = modelData

                contentItem: Item {}
                background: Rectangle {
                    anchors.fill: parent
                    anchors.topMargin: 6
                    anchors.bottomMargin: 6
                    radius: height / 2
                    color: chip.active ? Theme.primary : Theme.surface
                    border.color: chip.active ? Theme.primary : (chip.visualFocus ? Theme.accent : Theme.border)
                    border.width: chip.visualFocus ? 2 : 1
                    Label {
                        id: chipText
                        anchors.centerIn: parent
                        text: (chip.modelData === 0 ? qsTr("All") : Labels.progressStatusName(chip.modelData))
                              + "  " + chip.n
                        font.pixelSize: Theme.fontSmall + 1
                        font.weight: Font.DemiBold
                        color: chip.active ? Theme.textOnPrimary : Theme.textPrimary
                    }
                }
            }
        }

        ListView {
            id: list
            objectName: "measureList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: measures
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}
            // Rows of one height: the list never measures while it scrolls.
            reuseItems: true

            delegate: ItemDelegate {
                id: row
                required property string measureId
                required property string code
                required property string title
                required property int measureType
                required property string comSector
                required property string area
                required property int status
                required property real percent
                required property bool keyAction
                required property string lastReportedText
                required property int index
                readonly property bool selected: measureId === page.currentMeasureId

                width: ListView.view.width
                implicitHeight: Math.max(96, contentItem.implicitHeight + topPadding + bottomPadding)
                leftPadding: Theme.spacingL
                rightPadding: Theme.spacingM
                topPadding: Theme.spacingM
                bottomPadding: Theme.spacingM
                Accessible.role: Accessible.Button
                Accessible.name: [code, title, Labels.progressStatusName(status),
                                  percent >= 0 ? qsTr("%1 % done").arg(App.formatNumber(Math.round(percent))) : ""]
                                 .filter(s => s.length > 0).join(", ")
                onClicked: page.measureActivated(measureId)

                background: Rectangle {
                    color: row.selected ? Theme.primaryLight : (row.down ? Theme.surfaceMuted : Theme.surface)
                    Rectangle {
                        visible: row.index < measures.count - 1
                        anchors.left: parent.left
                        anchors.leftMargin: Theme.spacingL + 56 + Theme.spacingM
                        anchors.right: parent.right
                        anchors.bottom: parent.bottom
                        height: 1
                        color: Theme.divider
                    }
                    Rectangle {
                        visible: row.selected
                        anchors.left: parent.left
                        anchors.top: parent.top
                        anchors.bottom: parent.bottom
                        width: 4
                        color: Theme.primary
                    }
                }

                contentItem: RowLayout {
                    spacing: Theme.spacingM

                    // The plan's code on a tile: green for adaptation.
                    Rectangle {
                        Layout.alignment: Qt.AlignTop
                        implicitWidth: 56
                        implicitHeight: 44
                        radius: Theme.radiusSmall
                        color: row.measureType === 2 ? Theme.accentLight : Theme.primaryLight
                        Label {
                            anchors.fill: parent
                            anchors.margins: 2
                            text: row.code.length > 0 ? row.code : "–"
                            horizontalAlignment: Text.AlignHCenter
                            verticalAlignment: Text.AlignVCenter
                            font.pixelSize: row.code.length > 5 ? Theme.fontCaption : Theme.fontBody
                            font.weight: Font.Bold
                            color: row.measureType === 2 ? Theme.success : Theme.primary
                            elide: Text.ElideRight
                        }
                    }

                    ColumnLayout {
                        Layout.fillWidth: true
                        spacing: 4
                        Label {
                            Layout.fillWidth: true
                            text: row.title
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            elide: Text.ElideRight
                            wrapMode: Text.Wrap
                            maximumLineCount: 2
                        }
                        Label {
                            Layout.fillWidth: true
                            text: Labels.areaName(row.area) + (row.keyAction ? "  ·  " + qsTr("Key action") : "")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textSecondary
                            elide: Text.ElideRight
                        }
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS
                            StatusChip {
                                status: row.status
                            }
                            PercentBar {
                                Layout.fillWidth: true
                                Layout.alignment: Qt.AlignVCenter
                                percent: row.percent
                                barColor: Theme.statusColor(row.status)
                                visible: row.percent >= 0
                            }
                            Label {
                                text: row.percent >= 0 ? qsTr("%1 %").arg(App.formatNumber(Math.round(row.percent)))
                                                       : row.lastReportedText
                                font.pixelSize: Theme.fontSmall
                                font.weight: row.percent >= 0 ? Font.DemiBold : Font.Normal
                                color: row.percent >= 0 ? Theme.textPrimary : Theme.textTertiary
                                Layout.fillWidth: row.percent < 0
                                horizontalAlignment: Text.AlignRight
                            }
                        }
                    }

                    AppIcon {
                        Layout.alignment: Qt.AlignVCenter
                        name: "chevron"
                        color: Theme.textTertiary
                        size: 22
                    }
                }
            }

            footer: Item { width: 1; height: Theme.spacingXl }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
                visible: measures.count === 0
                iconName: measures.totalCount > 0 ? "search" : "checklist"
                title: measures.totalCount > 0 ? qsTr("No matching measures") : qsTr("No measures yet")
                text: measures.totalCount > 0
                      ? qsTr("Try another word, or show all statuses.")
                      : qsTr("The measures of your action plan appear here after the first sync with the server.")
            }
        }
    }
}
