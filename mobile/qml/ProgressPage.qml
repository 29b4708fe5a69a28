// The municipality's SECAP progress, computed on this device by the same
// code the server reports with (DESIGN.md §6, §7): emissions against the
// baseline inventory and the linear path to the target, per inhabitant,
// the measures by status with their money, and the savings measured so far.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    readonly property var report: progress.report
    readonly property bool ready: report.available === true
    readonly property bool hasBei: ready && report.bei !== undefined
    readonly property var latestMei: ready && report.meis.length > 0 ? report.meis[report.meis.length - 1] : undefined
    readonly property var reduction: ready ? report.reduction : undefined
    readonly property bool wide: width >= 760

    function tonnes(t) {
        return qsTr("%1 t CO₂").arg(App.formatNumber(Math.round(t)))
    }
    function perCapita(t) {
        return qsTr("%1 t per inhabitant").arg(App.formatNumber(Math.round(t * 100) / 100))
    }
    function pct(p) {
        return qsTr("%1 %").arg(App.formatNumber(Math.round(p * 10) / 10))
    }
    function statusCount(status) {
        if (!ready)
            return 0
        for (const s of report.byStatus)
            if (s.status === status)
                return s.measures
        return 0
    }
    function sum(key) {
        if (!ready)
            return 0
        let total = 0
        for (const s of report.byStatus)
            total += s[key]
        return total
    }

    title: qsTr("Progress")
    background: Rectangle { color: Theme.background }

    MunicipalityProgress {
        id: progress
        app: App
    }

    Flickable {
        anchors.fill: parent
        contentWidth: width
        contentHeight: content.implicitHeight + 2 * Theme.spacingL
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: content
            x: Math.max(Theme.spacingL, (parent.width - 1100) / 2)
            y: Theme.spacingL
            width: Math.min(parent.width - 2 * Theme.spacingL, 1100)
            spacing: Theme.spacingL

            BusyIndicator {
                Layout.alignment: Qt.AlignHCenter
                visible: progress.loading && !page.ready
                running: visible
            }

            EmptyState {
                Layout.alignment: Qt.AlignHCenter
                Layout.maximumWidth: 380
                Layout.topMargin: Theme.spacingXl
                visible: !progress.loading && !page.ready
                iconName: "trendingDown"
                title: qsTr("No progress to show yet")
                text: qsTr("The municipality's inventories and measures appear here after the first sync.")
            }

            EmptyState {
                Layout.alignment: Qt.AlignHCenter
                Layout.maximumWidth: 420
                Layout.topMargin: Theme.spacingXl
                visible: page.ready && !page.hasBei
                iconName: "info"
                title: qsTr("No baseline inventory yet")
                text: qsTr("Progress is measured against the baseline emission inventory (BEI). Your coordinator adds it on the server.")
            }

            GridLayout {
                Layout.fillWidth: true
                visible: page.hasBei
                columns: page.wide ? 2 : 1
                columnSpacing: Theme.spacingL
                rowSpacing: Theme.spacingL

                // The headline: reduction so far against the target.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS

                        Label {
                            Layout.fillWidth: true
                            text: page.report.name || App.municipalityName
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            elide: Text.ElideRight
                            Accessible.role: Accessible.Heading
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Target: −%1 % by %2 against %3")
                                  .arg(App.formatNumber(page.report.targetReductionPct || 0))
                                  .arg(page.report.targetYear || "").arg(page.report.baselineYear || "")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        Label {
                            Layout.topMargin: Theme.spacingS
                            visible: page.reduction !== undefined
                            text: page.reduction ? "−" + page.pct(page.reduction.reductionPct) : ""
                            font.pixelSize: 44
                            font.weight: Font.Bold
                            color: page.reduction && page.reduction.onTrack ? Theme.success : Theme.warning
                            Accessible.name: page.reduction
                                             ? qsTr("Emissions down %1 since %2").arg(page.pct(page.reduction.reductionPct))
                                                   .arg(page.report.baselineYear) : ""
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: page.reduction !== undefined
                            text: page.reduction ? qsTr("emissions in %1 against %2").arg(page.reduction.year)
                                                       .arg(page.report.baselineYear) : ""
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                        }
                        Label {
                            Layout.fillWidth: true
                            visible: page.reduction === undefined
                            text: qsTr("No monitoring inventory (MEI) yet: the reduction shows once there is one.")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                            wrapMode: Text.Wrap
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            Layout.topMargin: Theme.spacingS
                            visible: page.reduction !== undefined
                            implicitHeight: trackRow.implicitHeight + 2 * Theme.spacingM
                            radius: Theme.radiusSmall
                            color: page.reduction && page.reduction.onTrack ? Theme.accentLight : Theme.warningBackground
                            Accessible.role: Accessible.StaticText
                            Accessible.name: trackText.text
                            RowLayout {
                                id: trackRow
                                anchors.fill: parent
                                anchors.margins: Theme.spacingM
                                spacing: Theme.spacingS
                                AppIcon {
                                    Layout.alignment: Qt.AlignTop
                                    name: page.reduction && page.reduction.onTrack ? "check" : "warning"
                                    color: page.reduction && page.reduction.onTrack ? Theme.success : Theme.warning
                                    size: 20
                                }
                                Label {
                                    id: trackText
                                    Layout.fillWidth: true
                                    wrapMode: Text.Wrap
                                    font.pixelSize: Theme.fontBody
                                    color: page.reduction && page.reduction.onTrack ? Theme.success : Theme.warning
                                    text: !page.reduction ? ""
                                          : page.reduction.onTrack
                                            ? qsTr("On track: the path to the target asks for −%1 % by %2.")
                                                  .arg(App.formatNumber(Math.round(page.reduction.expectedReductionPct * 10) / 10))
                                                  .arg(page.reduction.year)
                                            : qsTr("Behind the path: it asks for −%1 % by %2.")
                                                  .arg(App.formatNumber(Math.round(page.reduction.expectedReductionPct * 10) / 10))
                                                  .arg(page.reduction.year)
                                }
                            }
                        }
                    }
                }

                // The chart.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS
                        Label {
                            text: qsTr("Emissions, t CO₂")
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            Accessible.role: Accessible.Heading
                        }
                        EmissionsChart {
                            Layout.fillWidth: true
                            inventories: page.hasBei ? [page.report.bei].concat(page.report.meis) : []
                            path: page.ready ? page.report.path : []
                            baselineYear: page.report.baselineYear || 0
                            targetYear: page.report.targetYear || 0
                            targetTCo2: page.report.targetTCo2 || 0
                            Accessible.name: page.hasBei
                                ? qsTr("Baseline %1: %2; latest %3: %4; target %5: %6")
                                      .arg(page.report.bei.year).arg(page.tonnes(page.report.bei.tCo2))
                                      .arg(page.latestMei ? page.latestMei.year : "–")
                                      .arg(page.latestMei ? page.tonnes(page.latestMei.tCo2) : "–")
                                      .arg(page.report.targetYear).arg(page.tonnes(page.report.targetTCo2 || 0))
                                : ""
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.spacingL
                            Repeater {
                                model: [
                                    { color: "#9AA5AF", text: qsTr("Baseline (BEI)") },
                                    { color: Theme.primary, text: qsTr("Monitoring (MEI)") },
                                    { color: Theme.accent, text: qsTr("Path to the target") }
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
                }

                // Inventories in figures.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS
                        Label {
                            text: qsTr("Inventories")
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            Accessible.role: Accessible.Heading
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: page.hasBei ? qsTr("Baseline %1").arg(page.report.bei.year) : ""
                            value: page.hasBei ? page.tonnes(page.report.bei.tCo2)
                                   + (page.report.bei.tCo2PerCapita !== undefined ? "\n" + page.perCapita(page.report.bei.tCo2PerCapita) : "")
                                   + (page.report.bei.locked ? "\n" + qsTr("as submitted, locked") : "") : ""
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            visible: page.latestMei !== undefined
                            label: page.latestMei ? qsTr("Latest %1").arg(page.latestMei.year) : ""
                            value: page.latestMei ? page.tonnes(page.latestMei.tCo2)
                                   + (page.latestMei.tCo2PerCapita !== undefined ? "\n" + page.perCapita(page.latestMei.tCo2PerCapita) : "")
                                   + (page.latestMei.published ? "\n" + qsTr("as submitted") : "\n" + qsTr("computed from the data")) : ""
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Target %1").arg(page.report.targetYear || "")
                            value: page.tonnes(page.report.targetTCo2 || 0)
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            visible: page.report.neutralityYear !== undefined && page.report.neutralityGapTCo2 !== undefined
                            label: qsTr("Climate neutral by %1").arg(page.report.neutralityYear || "")
                            value: page.report.neutralityGapTCo2 !== undefined
                                   ? qsTr("%1 still to cut").arg(page.tonnes(page.report.neutralityGapTCo2))
                                     + (page.report.neutralityCutTCo2PerYear !== undefined
                                        ? "\n" + qsTr("%1 a year").arg(page.tonnes(page.report.neutralityCutTCo2PerYear)) : "")
                                   : ""
                        }
                    }
                }

                // Measures and money.
                Card {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    Layout.preferredWidth: 1

                    ColumnLayout {
                        anchors.left: parent.left
                        anchors.right: parent.right
                        spacing: Theme.spacingS
                        Label {
                            text: qsTr("Measures")
                            font.pixelSize: Theme.fontTitle
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            Accessible.role: Accessible.Heading
                        }
                        // One bar, a segment per status.
                        Row {
                            Layout.fillWidth: true
                            Layout.preferredHeight: 14
                            spacing: 2
                            Repeater {
                                model: [3, 2, 1, 4, 5]
                                delegate: Rectangle {
                                    required property int modelData
                                    readonly property int n: page.statusCount(modelData)
                                    visible: n > 0
                                    height: 14
                                    radius: 3
                                    width: (page.report.measureCount || 0) > 0
                                           ? (parent.width - 8) * n / page.report.measureCount : 0
                                    color: Theme.statusColor(modelData)
                                }
                            }
                        }
                        Flow {
                            Layout.fillWidth: true
                            spacing: Theme.spacingS
                            Repeater {
                                model: [3, 2, 1, 4, 5].filter(s => page.statusCount(s) > 0)
                                delegate: Rectangle {
                                    required property int modelData
                                    implicitHeight: 28
                                    implicitWidth: statusText.implicitWidth + 2 * Theme.spacingM
                                    radius: 14
                                    color: Theme.statusBackground(modelData)
                                    Label {
                                        id: statusText
                                        anchors.centerIn: parent
                                        text: Labels.progressStatusName(parent.modelData) + ": " + page.statusCount(parent.modelData)
                                        font.pixelSize: Theme.fontSmall
                                        font.weight: Font.DemiBold
                                        color: Theme.statusColor(parent.modelData)
                                    }
                                }
                            }
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Budget")
                            value: App.formatEuro(page.sum("budget"))
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Spent so far")
                            value: App.formatEuro(page.sum("spent"))
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Expected savings")
                            value: qsTr("%1 MWh/year").arg(App.formatNumber(Math.round(page.report.expectedSavingsMwh || 0)))
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Measured savings")
                            valueColor: Theme.success
                            value: qsTr("%1 MWh/year").arg(App.formatNumber(Math.round(page.report.verifiedSavingsMwh || 0)))
                        }
                        InfoRow {
                            Layout.fillWidth: true
                            label: qsTr("Verified on site")
                            value: Labels.measures(page.report.verifiedMeasures || 0)
                        }
                    }
                }
            }

            Label {
                Layout.fillWidth: true
                visible: page.ready
                text: qsTr("Computed on this device from the data synced so far, with the same calculation as the server's report.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textTertiary
                wrapMode: Text.Wrap
                horizontalAlignment: Text.AlignHCenter
            }
        }
    }
}
