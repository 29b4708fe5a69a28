// The camera over the whole window: a viewfinder with a shutter (photos) or
// a QR finder that reads codes as they come into view (scanQr). Opened only
// where Media.cameraAvailable; when the camera fails anyway, it says so and
// offers the file picker, and Close always works, so nothing waits on a
// camera that never starts (after 10 s it says so). Loaded on
// demand (by URL) so that pages do not load Qt Multimedia until the camera
// is wanted.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtMultimedia
import SecapField

Popup {
    id: root

    property bool scanQr: false
    // With scanQr: a meter's label (QR, Data Matrix or barcode), not an enrollment code.
    property bool meterLabels: false
    property string title: scanQr ? (meterLabels ? qsTr("Scan the meter's label") : qsTr("Scan the QR code"))
                                  : qsTr("Photo of the meter")
    property string hint: scanQr ? qsTr("Hold the code inside the frame. It is read by itself.")
                                 : qsTr("Fit the register and the serial number into the picture.")
    // Where a photo is written (PhotoDraft.newCapturePath()); set before open().
    property string captureLocation
    property string errorText
    readonly property bool ready: camera.active && errorText.length === 0

    signal photoCaptured(string path)
    signal codeFound(string text)
    signal chooseFileInstead()

    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent ? parent.width : 0
    height: parent ? parent.height : 0
    modal: true
    focus: true
    padding: 0
    // A plain fade: the style's zoom-in looks odd on a full-window sheet.
    enter: Transition {
        NumberAnimation { property: "opacity"; from: 0; to: 1; duration: 120 }
    }
    exit: Transition {
        NumberAnimation { property: "opacity"; from: 1; to: 0; duration: 120 }
    }
    closePolicy: Popup.CloseOnEscape

    onAboutToShow: {
        errorText = devices.videoInputs.length === 0 ? qsTr("No camera was found on this device.") : ""
        if (errorText.length === 0)
            startWatchdog.restart()
    }
    onAboutToHide: startWatchdog.stop()

    // A camera that neither starts nor reports an error (busy elsewhere, a
    // driver that hangs) must not leave the user waiting without a word.
    Timer {
        id: startWatchdog
        interval: 10000
        onTriggered: {
            if (!camera.active && root.errorText.length === 0)
                root.errorText = qsTr("The camera did not start. Close other apps that use it, or choose a file instead.")
        }
    }

    background: Rectangle { color: "#101418" }

    MediaDevices { id: devices }

    CaptureSession {
        camera: Camera {
            id: camera
            cameraDevice: devices.defaultVideoInput
            active: root.visible && root.errorText.length === 0
            onErrorOccurred: (error, errorString) => {
                root.errorText = qsTr("The camera could not be started: %1").arg(errorString)
            }
        }
        imageCapture: ImageCapture {
            id: imageCapture
            onImageSaved: (requestId, path) => {
                root.photoCaptured(path)
                root.close()
            }
            onErrorOccurred: (requestId, error, message) => {
                root.errorText = qsTr("The photo could not be taken: %1").arg(message)
            }
        }
        videoOutput: viewfinder
    }

    QrScanner {
        meterLabels: root.meterLabels
        videoSink: root.scanQr && root.visible ? viewfinder.videoSink : null
        onFound: text => {
            root.codeFound(text)
            root.close()
        }
    }

    contentItem: Item {
        Accessible.role: Accessible.Dialog
        Accessible.name: root.title

        VideoOutput {
            id: viewfinder
            anchors.fill: parent
            fillMode: VideoOutput.PreserveAspectCrop
            visible: root.errorText.length === 0
        }

        // The QR finder: a square frame over the middle of the picture.
        Rectangle {
            visible: root.scanQr && root.errorText.length === 0
            anchors.centerIn: parent
            width: Math.min(parent.width, parent.height) * 0.62
            height: width
            color: "transparent"
            radius: Theme.radius
            border.width: 3
            border.color: "#FFFFFF"
            opacity: 0.9
        }

        // Top bar: title and Close.
        Rectangle {
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.top: parent.top
            height: topRow.implicitHeight + 2 * Theme.spacingS
            color: "#99000000"
            RowLayout {
                id: topRow
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                anchors.leftMargin: Theme.spacingL
                Label {
                    Layout.fillWidth: true
                    text: root.title
                    color: "#FFFFFF"
                    font.pixelSize: Theme.fontTitle
                    font.weight: Font.DemiBold
                    elide: Text.ElideRight
                    Accessible.role: Accessible.Heading
                }
                HeaderButton {
                    iconName: "close"
                    text: qsTr("Close camera")
                    onClicked: root.close()
                }
            }
        }

        // The camera failed: say so, and offer the file picker.
        ColumnLayout {
            visible: root.errorText.length > 0
            anchors.centerIn: parent
            width: Math.min(parent.width - 2 * Theme.spacingXl, 420)
            spacing: Theme.spacingL
            AppIcon {
                Layout.alignment: Qt.AlignHCenter
                name: "camera"
                color: Theme.textOnPrimaryMuted
                size: 48
            }
            Label {
                Layout.fillWidth: true
                text: root.errorText
                color: "#FFFFFF"
                font.pixelSize: Theme.fontBodyLarge
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                Accessible.role: Accessible.AlertMessage
                Accessible.name: text
            }
            PrimaryButton {
                Layout.fillWidth: true
                text: root.scanQr ? qsTr("Choose an image of the code…") : qsTr("Choose a photo file…")
                onClicked: {
                    root.close()
                    root.chooseFileInstead()
                }
            }
        }

        // Bottom bar: the hint, and the shutter for photos.
        Rectangle {
            visible: root.errorText.length === 0
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: bottomColumn.implicitHeight + 2 * Theme.spacingL
            color: "#99000000"
            ColumnLayout {
                id: bottomColumn
                anchors.fill: parent
                anchors.margins: Theme.spacingL
                spacing: Theme.spacingM
                Label {
                    Layout.fillWidth: true
                    text: root.ready ? root.hint : qsTr("Starting the camera…")
                    color: "#FFFFFF"
                    font.pixelSize: Theme.fontBody
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.Wrap
                }
                RoundButton {
                    id: shutter
                    Layout.alignment: Qt.AlignHCenter
                    visible: !root.scanQr
                    implicitWidth: 72
                    implicitHeight: 72
                    padding: 0
                    topInset: 0
                    bottomInset: 0
                    leftInset: 0
                    rightInset: 0
                    enabled: root.ready && imageCapture.readyForCapture && root.captureLocation.length > 0
                    Accessible.name: qsTr("Take the photo")
                    onClicked: imageCapture.captureToFile(root.captureLocation)
                    background: Rectangle {
                        radius: width / 2
                        color: shutter.down ? "#DDDDDD" : "#FFFFFF"
                        opacity: shutter.enabled ? 1 : 0.4
                        border.width: 4
                        border.color: Theme.primary
                    }
                    contentItem: Item {
                        AppIcon {
                            anchors.centerIn: parent
                            name: "camera"
                            color: Theme.primary
                            size: 30
                        }
                    }
                }
                SecondaryButton {
                    Layout.alignment: Qt.AlignHCenter
                    visible: root.scanQr
                    iconName: "image"
                    text: qsTr("Choose an image instead…")
                    onClicked: {
                        root.close()
                        root.chooseFileInstead()
                    }
                }
            }
        }
    }
}
