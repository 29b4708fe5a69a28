// First start: enroll this device with the one-time code a coordinator gave.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string errorText

    function submit() {
        errorText = ""
        App.serverAddress = serverField.text
        App.enroll(codeField.text)
    }

    title: qsTr("Enroll device")
    background: Rectangle { color: Theme.background }

    Connections {
        target: App
        function onEnrollFinished(ok, errorCode, message) {
            page.errorText = ok ? "" : Labels.reasonMessage(errorCode, message)
        }
    }

    Flickable {
        id: flick
        anchors.fill: parent
        contentWidth: width
        contentHeight: Math.max(height, column.implicitHeight + 2 * Theme.spacingXl)
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        ScrollIndicator.vertical: ScrollIndicator {}

        ColumnLayout {
            id: column
            width: Math.min(flick.width - 2 * Theme.spacingL, 440)
            x: Math.round((flick.width - width) / 2)
            y: Math.max(Theme.spacingXl, Math.round((flick.height - implicitHeight) / 2.6))
            spacing: Theme.spacingL

            Rectangle {
                Layout.alignment: Qt.AlignHCenter
                implicitWidth: 88
                implicitHeight: 88
                radius: 24
                color: Theme.primary
                AppIcon {
                    anchors.centerIn: parent
                    name: "leaf"
                    color: "#FFFFFF"
                    size: 52
                }
            }

            Label {
                Layout.fillWidth: true
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("SECAP Field")
                font.pixelSize: 28
                font.weight: Font.Bold
                color: Theme.textPrimary
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.fillWidth: true
                Layout.bottomMargin: Theme.spacingS
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                text: qsTr("Meter readings and climate plan monitoring for your municipality, online or offline.")
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
            }

            Card {
                Layout.fillWidth: true
                padding: Theme.spacingXl

                ColumnLayout {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    spacing: Theme.spacingM

                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Enroll this device")
                        font.pixelSize: Theme.fontTitle
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Label {
                        Layout.fillWidth: true
                        wrapMode: Text.Wrap
                        text: qsTr("Ask your SECAP coordinator for an enrollment code, then type it below, or paste the secap://enroll link from its QR code.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textSecondary
                    }

                    Label {
                        Layout.topMargin: Theme.spacingS
                        text: qsTr("Enrollment code")
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    TextField {
                        id: codeField
                        Layout.fillWidth: true
                        implicitHeight: 56
                        leftPadding: Theme.spacingL
                        rightPadding: Theme.spacingL
                        topPadding: 0
                        bottomPadding: 0
                        verticalAlignment: TextInput.AlignVCenter
                        font.pixelSize: 22
                        font.letterSpacing: 2
                        font.capitalization: Font.AllUppercase
                        placeholderText: "ABCD-1234"
                        placeholderTextColor: "#B5BEC6"
                        inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhNoAutoUppercase | Qt.ImhPreferUppercase
                        enabled: !App.enrolling
                        Accessible.name: qsTr("Enrollment code")
                        onAccepted: page.submit()
                        background: Rectangle {
                            radius: Theme.radiusSmall
                            color: Theme.surface
                            border.width: codeField.activeFocus ? 2 : 1
                            border.color: codeField.activeFocus ? Theme.primary : Theme.border
                        }
                    }

                    Label {
                        text: qsTr("Server")
                        font.pixelSize: Theme.fontSmall
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
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
                        background: Rectangle {
                            radius: Theme.radiusSmall
                            color: Theme.surface
                            border.width: serverField.activeFocus ? 2 : 1
                            border.color: serverField.activeFocus ? Theme.primary : Theme.border
                        }
                    }

                    Rectangle {
                        Layout.fillWidth: true
                        visible: page.errorText.length > 0
                        implicitHeight: errorLabel.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.errorBackground
                        Accessible.role: Accessible.AlertMessage
                        Accessible.name: page.errorText
                        Label {
                            id: errorLabel
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            wrapMode: Text.Wrap
                            text: page.errorText
                            color: Theme.error
                            font.pixelSize: Theme.fontBody
                        }
                    }

                    PrimaryButton {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacingS
                        enabled: !App.enrolling && codeField.text.trim().length > 0
                                 && serverField.text.trim().length > 0
                        text: App.enrolling ? qsTr("Enrolling…") : qsTr("Enroll device")
                        onClicked: page.submit()
                    }

                    BusyIndicator {
                        Layout.alignment: Qt.AlignHCenter
                        visible: App.enrolling
                        running: App.enrolling
                    }
                }
            }

            RowLayout {
                Layout.fillWidth: true
                Layout.topMargin: Theme.spacingS
                spacing: Theme.spacingS
                AppIcon {
                    Layout.alignment: Qt.AlignTop
                    name: "info"
                    color: Theme.textTertiary
                    size: 18
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    text: qsTr("Readings you enter are kept on this device and sync whenever there is a connection.")
                    font.pixelSize: Theme.fontSmall
                    color: Theme.textSecondary
                }
            }
        }
    }
}
