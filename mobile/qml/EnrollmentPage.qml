// First start: enroll this device with the one-time code a coordinator gave:
// scan its QR code (camera, or a screenshot of it), or type the code
// (DESIGN.md §7). The QR code holds a secap://enroll link with the server,
// the code and the server's key, so a scan needs nothing else.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import SecapField

Page {
    id: page

    property string errorText
    // The enrollment link read from a QR code, kept to retry with.
    property string scannedLink
    // Set by the screenshot harness: the page as on a device with a camera.
    property bool previewCamera: false
    readonly property bool cameraAvailable: Media.cameraAvailable || previewCamera

    function submit() {
        errorText = ""
        if (codeField.text.trim().length === 0 && scannedLink.length > 0) {
            App.enroll(scannedLink)
            serverField.text = App.serverAddress
            return
        }
        App.serverAddress = serverField.text
        App.enroll(codeField.text)
    }

    // A QR code was read: enroll at once when it holds an enrollment link.
    function useScannedText(text) {
        errorText = ""
        if (!App.isEnrollmentLink(text)) {
            errorText = Labels.reasonMessage("qr.not_enrollment", "")
            return
        }
        scannedLink = text.trim()
        codeField.clear()
        App.enroll(scannedLink)
        serverField.text = App.serverAddress
    }

    function scanWithCamera() {
        errorText = ""
        if (cameraLoader.item)
            cameraLoader.item.open()
        else
            cameraLoader.active = true
    }

    function chooseImage() {
        errorText = ""
        imageDialog.open()
    }

    title: qsTr("Enroll device")
    background: Rectangle { color: Theme.background }

    Connections {
        target: App
        function onEnrollFinished(ok, errorCode, message) {
            page.errorText = ok ? "" : Labels.reasonMessage(errorCode, message)
        }
    }

    QrScanner {
        id: imageScanner
        onFound: text => page.useScannedText(text)
        onFailed: (code, message) => page.errorText = Labels.reasonMessage(code, message)
    }

    FileDialog {
        id: imageDialog
        title: qsTr("Choose a screenshot or photo of the QR code")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.webp *.bmp)")]
        currentFolder: Media.picturesFolder
        onAccepted: imageScanner.decodeFile(selectedFile)
    }

    // The camera, loaded only when asked for (see CameraSheet.qml).
    Loader {
        id: cameraLoader
        active: false
        source: active ? Qt.resolvedUrl("components/CameraSheet.qml") : ""
        onLoaded: {
            item.scanQr = true
            item.open()
        }
    }
    Connections {
        target: cameraLoader.item
        function onCodeFound(text) {
            page.useScannedText(text)
        }
        function onChooseFileInstead() {
            imageDialog.open()
        }
        // Closing the camera releases it.
        function onClosed() {
            Qt.callLater(() => cameraLoader.active = false)
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

            // After a wipe ordered by the server: why the device is empty.
            Rectangle {
                Layout.fillWidth: true
                visible: App.withdrawn
                implicitHeight: withdrawnLabel.implicitHeight + 2 * Theme.spacingM
                radius: Theme.radiusSmall
                color: Theme.errorBackground
                Accessible.role: Accessible.AlertMessage
                Accessible.name: withdrawnLabel.text
                Label {
                    id: withdrawnLabel
                    anchors.fill: parent
                    anchors.margins: Theme.spacingM
                    wrapMode: Text.Wrap
                    text: qsTr("Your coordinator withdrew this device, so its data was removed from it. "
                               + "To use it again, ask your coordinator for a new enrollment code.")
                    color: Theme.error
                    font.pixelSize: Theme.fontBody
                }
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
                        text: qsTr("Scan the QR code your SECAP coordinator gives you, or type the enrollment code below.")
                        font.pixelSize: Theme.fontBody
                        color: Theme.textSecondary
                    }

                    // Scan: with the camera, or from a screenshot of the code.
                    ColumnLayout {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacingS
                        spacing: Theme.spacingS
                        enabled: !App.enrolling && !imageScanner.busy
                        SecondaryButton {
                            Layout.fillWidth: true
                            visible: page.cameraAvailable
                            iconName: "qr"
                            text: qsTr("Scan QR code")
                            onClicked: page.scanWithCamera()
                        }
                        SecondaryButton {
                            Layout.fillWidth: true
                            iconName: page.cameraAvailable ? "image" : "qr"
                            text: qsTr("Read QR code from an image…")
                            Accessible.description: qsTr("Choose a screenshot or photo of the enrollment QR code")
                            onClicked: page.chooseImage()
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: !page.cameraAvailable
                        wrapMode: Text.Wrap
                        text: qsTr("No camera found on this device. Choose a screenshot or photo of the QR code instead.")
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                    }
                    RowLayout {
                        Layout.fillWidth: true
                        visible: imageScanner.busy
                        spacing: Theme.spacingS
                        BusyIndicator {
                            implicitWidth: 32
                            implicitHeight: 32
                            running: imageScanner.busy
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Looking for the QR code…")
                            font.pixelSize: Theme.fontBody
                            color: Theme.textSecondary
                        }
                    }

                    // What the last scan gave, so it can be tried again.
                    Rectangle {
                        Layout.fillWidth: true
                        visible: page.scannedLink.length > 0 && codeField.text.trim().length === 0
                        implicitHeight: scannedRow.implicitHeight + 2 * Theme.spacingM
                        radius: Theme.radiusSmall
                        color: Theme.accentLight
                        RowLayout {
                            id: scannedRow
                            anchors.fill: parent
                            anchors.margins: Theme.spacingM
                            spacing: Theme.spacingS
                            AppIcon {
                                Layout.alignment: Qt.AlignTop
                                name: "check"
                                color: Theme.success
                                size: 20
                            }
                            Label {
                                Layout.fillWidth: true
                                wrapMode: Text.Wrap
                                text: qsTr("QR code read. Server: %1").arg(App.serverAddress)
                                font.pixelSize: Theme.fontBody
                                color: Theme.success
                            }
                        }
                    }

                    // "or type the code"
                    RowLayout {
                        Layout.fillWidth: true
                        Layout.topMargin: Theme.spacingS
                        spacing: Theme.spacingM
                        Rectangle {
                            Layout.fillWidth: true
                            implicitHeight: 1
                            color: Theme.divider
                        }
                        Label {
                            text: qsTr("or type the code")
                            font.pixelSize: Theme.fontSmall
                            color: Theme.textTertiary
                        }
                        Rectangle {
                            Layout.fillWidth: true
                            implicitHeight: 1
                            color: Theme.divider
                        }
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
                        enabled: !App.enrolling && ((codeField.text.trim().length > 0
                                                     && serverField.text.trim().length > 0)
                                                    || page.scannedLink.length > 0)
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
