// Sync, device and about: where to check that data is flowing.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    title: qsTr("Settings")
    background: Rectangle { color: Theme.background }

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
            width: Math.min(flick.width - 2 * Theme.spacingL, Theme.maxContentWidth)
            x: Math.round((flick.width - width) / 2)
            y: Theme.spacingL
            spacing: Theme.spacingL

            // --- Sync ---
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingM

                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingM
                        CarrierBadge {
                            iconName: App.online ? "cloudDone" : "cloudOff"
                            tint: App.online ? Theme.accent : Theme.textSecondary
                        }
                        ColumnLayout {
                            Layout.fillWidth: true
                            spacing: 2
                            Label {
                                Layout.fillWidth: true
                                text: qsTr("Sync")
                                font.pixelSize: Theme.fontTitle
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                                Accessible.role: Accessible.Heading
                            }
                            Label {
                                Layout.fillWidth: true
                                text: App.syncing ? qsTr("Syncing…")
                                                  : (App.online ? qsTr("Connected to the server")
                                                                : qsTr("Offline: changes wait on this device"))
                                font.pixelSize: Theme.fontSmall
                                color: Theme.textSecondary
                                wrapMode: Text.Wrap
                            }
                        }
                    }

                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Waiting to sync")
                        value: App.pendingCount > 0 ? Labels.changes(App.pendingCount) : qsTr("Nothing")
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Needs attention")
                        value: App.needsAttentionCount > 0 ? Labels.changes(App.needsAttentionCount) : qsTr("Nothing")
                        valueColor: App.needsAttentionCount > 0 ? Theme.warning : Theme.textPrimary
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Last sync")
                        value: App.lastSyncText
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        visible: App.lastSyncError.length > 0
                        label: qsTr("Last problem")
                        value: App.lastSyncError
                        valueColor: Theme.error
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        visible: App.pendingPhotoCount > 0
                        label: qsTr("Photos to send")
                        value: App.waitingForWifi ? qsTr("%1, waiting for Wi-Fi").arg(App.pendingPhotoCount)
                                                  : App.pendingPhotoCount.toString()
                    }
                    Switch {
                        Layout.fillWidth: true
                        text: qsTr("Send photos only on Wi-Fi")
                        checked: App.photosOnlyOnWifi
                        onToggled: App.photosOnlyOnWifi = checked
                    }

                    Label {
                        Layout.topMargin: Theme.spacingS
                        text: qsTr("Server")
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        spacing: Theme.spacingS
                        TextField {
                            id: serverField
                            Layout.fillWidth: true
                            implicitHeight: Theme.touchTarget + 4
                            leftPadding: Theme.spacingL
                            rightPadding: Theme.spacingL
                            topPadding: 0
                            bottomPadding: 0
                            verticalAlignment: TextInput.AlignVCenter
                            text: App.serverAddress
                            font.pixelSize: Theme.fontBodyLarge
                            placeholderText: qsTr("host:port")
                            inputMethodHints: Qt.ImhUrlCharactersOnly | Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase
                            enabled: !App.enrolling
                            Accessible.name: qsTr("Server address")
                            onAccepted: App.serverAddress = text
                            background: Rectangle {
                                radius: Theme.radiusSmall
                                color: Theme.surface
                                border.width: serverField.activeFocus ? 2 : 1
                                border.color: serverField.activeFocus ? Theme.primary : Theme.border
                            }
                        }
                        Button {
                            implicitHeight: Theme.touchTarget + 4
                            flat: true
                            visible: serverField.text.trim() !== App.serverAddress
                            text: qsTr("Apply")
                            Accessible.name: qsTr("Apply server address")
                            onClicked: App.serverAddress = serverField.text
                        }
                    }

                    PrimaryButton {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacingS
                        enabled: App.enrolled && App.syncEnabled && !App.syncing
                        text: App.syncing ? qsTr("Syncing…") : qsTr("Sync now")
                        Accessible.name: qsTr("Sync now")
                        onClicked: App.syncNow()
                    }
                }
            }

            // --- Language ---
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingXs

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Language")
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                        Accessible.role: Accessible.Heading
                    }
                    Label {
                        Layout.fillWidth: true
                        Layout.bottomMargin: Theme.spacingXs
                        text: qsTr("Also the format of numbers and dates.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    ButtonGroup {
                        id: languageGroup
                    }
                    Repeater {
                        // Each language in its own words, so anyone finds theirs.
                        model: [
                            { code: "", name: qsTr("Follow the system") },
                            { code: "pl", name: "Polski" },
                            { code: "en", name: "English" },
                            { code: "de", name: "Deutsch" }
                        ]
                        delegate: RadioButton {
                            required property var modelData
                            Layout.fillWidth: true
                            implicitHeight: Theme.touchTarget
                            text: modelData.name
                            checked: App.language === modelData.code
                            ButtonGroup.group: languageGroup
                            onToggled: if (checked) App.language = modelData.code
                        }
                    }
                }
            }

            // --- Device ---
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingM

                    Label {
                        text: qsTr("This device")
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                        Accessible.role: Accessible.Heading
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Municipality")
                        value: App.municipalityName.length > 0 ? App.municipalityName
                                                               : (App.enrolled ? qsTr("Waiting for the first sync") : "–")
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Role")
                        value: App.enrolled ? Labels.roleName(App.role) : qsTr("Not enrolled")
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        visible: App.deviceId.length > 0
                        label: qsTr("Device ID")
                        value: App.deviceId
                        breakAnywhere: true
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Data folder")
                        value: App.dataDir
                        breakAnywhere: true
                    }
                    SecondaryButton {
                        objectName: "exportLogs"
                        iconName: "history"
                        text: qsTr("Export logs")
                        Accessible.description: qsTr("Save a report of this device and its log, to send to your coordinator")
                        onClicked: {
                            const path = App.exportLogs()
                            exportResult.text = path.length > 0
                                ? qsTr("Report saved: %1. Send this file to your coordinator.").arg(path)
                                : qsTr("The report could not be saved. Free some space, then try again.")
                            exportResult.color = path.length > 0 ? Theme.textSecondary : Theme.error
                        }
                    }
                    Label {
                        id: exportResult
                        Layout.fillWidth: true
                        visible: text.length > 0
                        wrapMode: Text.WrapAnywhere
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: text
                    }
                }
            }

            // --- About ---
            Card {
                Layout.fillWidth: true
                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingM

                    Label {
                        text: qsTr("About")
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                        Accessible.role: Accessible.Heading
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Version")
                        value: App.appVersion
                    }
                    InfoRow {
                        Layout.fillWidth: true
                        label: qsTr("Licence")
                        value: "GPL-3.0-or-later"
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("SECAP Field helps municipalities monitor their Sustainable Energy and Climate Action Plans under the EU Covenant of Mayors.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                    }
                }
            }
        }
    }
}
