// The sites of the municipality: searchable, with kind, meters and address;
// or the readings due this month, site by site in the order of a round,
// each meter one tap from its reading.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    // The site shown next to the list on wide screens, highlighted.
    property string currentSiteId
    // The readings due instead of all sites.
    property bool showDue: false
    signal siteActivated(string siteId)
    signal meterActivated(string meterId)
    // "Scan a meter's label" was tapped.
    signal scanRequested()

    title: App.municipalityName.length > 0 ? App.municipalityName : qsTr("Sites")
    background: Rectangle { color: Theme.background }

    SitesModel {
        id: sites
        app: App
        filter: search.text
    }
    ReadingsDueModel {
        id: due
        app: App
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            Layout.fillWidth: true
            padding: Theme.spacingL
            bottomPadding: Theme.spacingM
            background: Rectangle { color: Theme.background }

            ColumnLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                spacing: Theme.spacingS

                RowLayout {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    SearchField {
                        id: search
                        Layout.fillWidth: true
                        visible: !page.showDue
                        placeholderText: qsTr("Search sites or addresses")
                        accessibleName: qsTr("Search sites")
                    }
                    // Straight to a meter by the code on its label.
                    Button {
                        id: scanButton
                        objectName: "scanLabelButton"
                        visible: !page.showDue && sites.totalCount > 0
                        implicitWidth: 52
                        implicitHeight: 52
                        text: qsTr("Scan a meter's label")
                        display: AbstractButton.IconOnly
                        Accessible.name: text
                        ToolTip.visible: hovered
                        ToolTip.text: text
                        ToolTip.delay: 600
                        onClicked: page.scanRequested()
                        contentItem: Item {
                            AppIcon {
                                anchors.centerIn: parent
                                name: "qr"
                                color: Theme.primary
                            }
                        }
                        background: Rectangle {
                            radius: height / 2
                            color: scanButton.down ? Theme.primaryLight : Theme.surface
                            border.color: scanButton.visualFocus ? Theme.accent : Theme.border
                            border.width: scanButton.visualFocus ? 2 : 1
                        }
                    }
                }

                // All sites, or what is due this month (on two lines where narrow).
                Flow {
                    Layout.fillWidth: true
                    spacing: Theme.spacingS
                    visible: sites.totalCount > 0
                    Accessible.role: Accessible.PageTabList
                    Repeater {
                        model: [
                            { due: false, text: qsTr("All sites") },
                            { due: true, text: due.count > 0 ? qsTr("Due this month  %1").arg(due.count)
                                                            : qsTr("Due this month") }
                        ]
                        delegate: AbstractButton {
                            id: chip
                            required property var modelData
                            readonly property bool active: page.showDue === modelData.due
                            objectName: modelData.due ? "dueChip" : "allChip"
                            implicitHeight: Theme.touchTarget
                            implicitWidth: chipText.implicitWidth + 2 * Theme.spacingL
                            focusPolicy: Qt.StrongFocus
                            Accessible.role: Accessible.PageTab
                            Accessible.name: chipText.text
                            Accessible.checkable: true
                            Accessible.checked: active
                            onClicked: page.showDue = modelData.due
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
                                    text: chip.modelData.text
                                    font.pixelSize: Theme.fontSmall + 1
                                    font.weight: Font.DemiBold
                                    color: chip.active ? Theme.textOnPrimary : Theme.textPrimary
                                }
                            }
                        }
                    }
                }
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingL + 4
            Layout.bottomMargin: Theme.spacingS
            visible: sites.totalCount > 0 && !page.showDue
            text: search.text.length > 0
                  ? qsTr("%1 of %2").arg(sites.count).arg(Labels.sites(sites.totalCount))
                  : Labels.sites(sites.totalCount)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
        }

        // The round: sites in order, each meter due with its last reading.
        ListView {
            id: dueList
            objectName: "dueList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: page.showDue
            clip: true
            model: due
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}
            section.property: "section"
            section.delegate: SectionTitle {
                required property string section
                x: Theme.spacingL + 4
                width: ListView.view.width - 2 * Theme.spacingL
                text: section
                elide: Text.ElideRight
            }

            delegate: ListRow {
                required property string meterId
                required property string serial
                required property int carrier
                required property int unit
                required property bool hasLastReading
                required property string lastValueText
                required property string lastDateText
                required property int index

                objectName: "due_" + meterId
                width: ListView.view.width
                title: Labels.carrierName(carrier)
                subtitle: serial.length > 0 ? qsTr("No. %1").arg(serial) : qsTr("No serial number")
                iconName: Labels.carrierIcon(carrier)
                iconTint: Theme.carrierColor(carrier)
                trailingText: hasLastReading ? lastValueText + " " + Labels.unitSymbol(unit) : qsTr("Never read")
                trailingColor: hasLastReading ? Theme.textPrimary : Theme.warning
                trailingSubtext: hasLastReading ? lastDateText : ""
                onClicked: page.meterActivated(meterId)
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
                visible: due.count === 0
                iconName: "check"
                title: qsTr("All read this month")
                text: qsTr("Every meter read on site has a reading since the first of the month.")
            }
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            visible: !page.showDue
            clip: true
            model: sites
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}

            delegate: ListRow {
                required property string siteId
                required property string name
                required property int kind
                required property string address
                required property int meterCount
                required property int index

                width: ListView.view.width
                title: name
                subtitle: Labels.siteKindName(kind) + "  ·  "
                          + (meterCount > 0 ? Labels.meters(meterCount) : qsTr("No meters"))
                detail: address
                iconName: Labels.siteKindIcon(kind)
                iconTint: Theme.primary
                selected: siteId === page.currentSiteId
                showDivider: index < sites.count - 1
                onClicked: page.siteActivated(siteId)
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
                visible: sites.count === 0
                iconName: sites.totalCount > 0 ? "search" : "building"
                title: sites.totalCount > 0 ? qsTr("No matching sites") : qsTr("No sites yet")
                text: sites.totalCount > 0
                      ? qsTr("Try another name or street.")
                      : qsTr("Sites appear here after the first sync with the server.")
            }
        }
    }
}
