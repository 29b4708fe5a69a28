// A submitted inspection, as it was sent: it never changes (DESIGN.md §3).
// What was found, where and when, every answer of the checklist and the
// photos. A correction is an amendment: a new inspection that names this one.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string inspectionId
    readonly property var inspection: (App.dataRevision, App.inspectionDetails(inspectionId))
    readonly property bool canInspect: App.role === "field" || App.role === "coordinator" || App.role === "admin"
    signal amendRequested(string inspectionId)
    signal inspectionRequested(string inspectionId)

    function coordinateText(value) {
        return Number(value).toLocaleString(Qt.locale(), "f", 5)
    }

    title: qsTr("Inspection")
    background: Rectangle { color: Theme.background }

    PhotoViewer {
        id: viewer
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: column.implicitHeight + 2 * Theme.spacingL
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            x: Math.max(Theme.spacingL, (parent.width - Theme.maxContentWidth) / 2)
            y: Theme.spacingL
            width: Math.min(parent.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            spacing: Theme.spacingM

            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS

                    Flow {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        OutcomeChip {
                            objectName: "outcomeChip"
                            outcome: page.inspection.outcome || 0
                            large: true
                        }
                        Rectangle {
                            visible: page.inspection.pending === true
                            implicitHeight: 30
                            implicitWidth: pendingRow.implicitWidth + 24
                            radius: 15
                            color: Theme.surfaceMuted
                            border.color: Theme.divider
                            Row {
                                id: pendingRow
                                anchors.centerIn: parent
                                spacing: 4
                                AppIcon {
                                    anchors.verticalCenter: parent.verticalCenter
                                    name: "cloudOff"
                                    color: Theme.textSecondary
                                    size: 16
                                }
                                Label {
                                    anchors.verticalCenter: parent.verticalCenter
                                    text: qsTr("Waiting to sync")
                                    font.pixelSize: Theme.fontSmall + 1
                                    color: Theme.textSecondary
                                }
                            }
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: page.inspection.templateName || ""
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                        Accessible.role: Accessible.Heading
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        visible: (page.inspection.measureTitle || "").length > 0
                        label: qsTr("Measure")
                        value: (page.inspection.measureCode ? page.inspection.measureCode + "  " : "")
                               + (page.inspection.measureTitle || "")
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Site")
                        value: page.inspection.siteName || "–"
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Submitted")
                        value: page.inspection.submittedAt ? App.formatDate(page.inspection.submittedAt) : "–"
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Position")
                        valueColor: page.inspection.hasLocation ? Theme.textPrimary : Theme.textSecondary
                        value: page.inspection.hasLocation
                               ? page.coordinateText(page.inspection.latitude) + ", "
                                 + page.coordinateText(page.inspection.longitude)
                                 + (page.inspection.accuracy !== undefined
                                    ? "  " + qsTr("± %1 m").arg(App.formatNumber(Math.round(page.inspection.accuracy))).replace(/ /g, "\u00a0") : "")
                               : qsTr("None recorded (no GPS fix)")
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: (page.inspection.amendsId || "").length > 0
                        text: qsTr("This inspection amends an earlier one.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.warning
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: (page.inspection.amendedById || "").length > 0
                        text: qsTr("A later inspection amends this one.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.warning
                        wrapMode: Text.Wrap
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                visible: (page.inspection.findings || "").length > 0
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    Label {
                        text: qsTr("Findings")
                        font.pixelSize: Theme.fontBodyLarge
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Label {
                        Layout.fillWidth: true
                        text: page.inspection.findings || ""
                        font.pixelSize: Theme.fontBody
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                }
            }

            // The checklist as answered.
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: 0
                    Label {
                        Layout.bottomMargin: Theme.spacingS
                        text: qsTr("Checklist")
                        font.pixelSize: Theme.fontBodyLarge
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Repeater {
                        model: page.inspection.answers || []
                        delegate: ColumnLayout {
                            required property var modelData
                            required property int index
                            Layout.fillWidth: true
                            spacing: 4
                            Rectangle {
                                Layout.fillWidth: true
                                visible: parent.index > 0
                                implicitHeight: 1
                                color: Theme.divider
                            }
                            Label {
                                Layout.fillWidth: true
                                Layout.topMargin: Theme.spacingS
                                text: parent.modelData.prompt
                                font.pixelSize: Theme.fontBody
                                color: Theme.textSecondary
                                wrapMode: Text.Wrap
                            }
                            Label {
                                Layout.fillWidth: true
                                Layout.bottomMargin: Theme.spacingS
                                visible: parent.modelData.kind !== "photo" || !parent.modelData.answered
                                text: !parent.modelData.answered ? qsTr("Not answered")
                                      : parent.modelData.kind === "yes_no" ? (parent.modelData.yesNo ? qsTr("Yes") : qsTr("No"))
                                      : (parent.modelData.answerText || "")
                                font.pixelSize: Theme.fontBodyLarge
                                font.weight: parent.modelData.answered ? Font.DemiBold : Font.Normal
                                color: !parent.modelData.answered ? Theme.textTertiary
                                       : parent.modelData.kind === "yes_no" && !parent.modelData.yesNo ? Theme.error
                                       : Theme.textPrimary
                                wrapMode: Text.Wrap
                            }
                            AbstractButton {
                                Layout.bottomMargin: Theme.spacingS
                                visible: parent.modelData.kind === "photo" && parent.modelData.answered
                                implicitWidth: 120
                                implicitHeight: 90
                                Accessible.role: Accessible.Button
                                Accessible.name: qsTr("Show the photo")
                                onClicked: {
                                    viewer.source = parent.modelData.photoUrl
                                    viewer.caption = parent.modelData.prompt
                                    viewer.open()
                                }
                                contentItem: Image {
                                    source: parent.parent.modelData.photoUrl || ""
                                    fillMode: Image.PreserveAspectCrop
                                    sourceSize.width: 240
                                    sourceSize.height: 180
                                    asynchronous: true
                                }
                                background: Rectangle { color: Theme.divider; radius: 4 }
                            }
                        }
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                visible: (page.inspection.photoUrls || []).length > 0
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingS
                    Label {
                        text: qsTr("Photos")
                        font.pixelSize: Theme.fontBodyLarge
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Flow {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        Repeater {
                            model: page.inspection.photoUrls || []
                            delegate: AbstractButton {
                                required property url modelData
                                implicitWidth: 120
                                implicitHeight: 90
                                Accessible.role: Accessible.Button
                                Accessible.name: qsTr("Show the photo")
                                onClicked: {
                                    viewer.source = modelData
                                    viewer.caption = page.inspection.templateName || ""
                                    viewer.open()
                                }
                                contentItem: Image {
                                    source: parent.modelData
                                    fillMode: Image.PreserveAspectCrop
                                    sourceSize.width: 240
                                    sourceSize.height: 180
                                    asynchronous: true
                                }
                                background: Rectangle { color: Theme.divider; radius: 4 }
                            }
                        }
                    }
                }
            }

            SecondaryButton {
                objectName: "amendButton"
                Layout.fillWidth: true
                visible: page.canInspect && page.inspection.exists === true
                iconName: "history"
                text: qsTr("Amend this inspection")
                Accessible.description: qsTr("Start a new inspection that corrects this one, from its answers")
                onClicked: page.amendRequested(page.inspectionId)
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("A submitted inspection never changes. An amendment is a new inspection that names this one.")
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
        }
    }
}
