// Scanning a meter's label (DESIGN.md §7 "Scan a meter's QR or barcode label
// to jump straight to it"): the camera where there is one, else an image
// file of the label. A label that belongs to a meter on this device opens
// it; one that does not says so.
import QtQuick
import QtQuick.Dialogs
import SecapField

Item {
    id: root

    signal meterFound(string meterId, string siteId)
    // The label was read but is no meter's on this device.
    signal unknownLabel(string label)
    // No code in the chosen image, or no image at all: the message to show.
    signal failed(string message)

    function start() {
        if (!Media.cameraAvailable) {
            fileDialog.open()
            return
        }
        if (cameraLoader.item)
            cameraLoader.item.open()
        else
            cameraLoader.active = true
    }

    // What a scan read; public so a test can hand it a label.
    function useLabel(text) {
        const match = App.meterForLabel(text)
        if (match.found)
            meterFound(match.meterId, match.siteId)
        else
            unknownLabel(match.label)
    }

    QrScanner {
        id: fileScanner
        meterLabels: true
        onFound: text => root.useLabel(text)
        onFailed: (code, message) => root.failed(code === "qr.not_found"
            ? qsTr("No QR code or barcode was found in this image. Choose a sharper photo of the label.")
            : Labels.reasonMessage(code, message))
    }

    FileDialog {
        id: fileDialog
        title: qsTr("Choose a photo of the meter's label")
        nameFilters: [qsTr("Images (*.png *.jpg *.jpeg *.webp *.bmp)")]
        currentFolder: Media.picturesFolder
        onAccepted: fileScanner.decodeFile(selectedFile)
    }

    Loader {
        id: cameraLoader
        active: false
        source: active ? Qt.resolvedUrl("CameraSheet.qml") : ""
        onLoaded: {
            item.scanQr = true
            item.meterLabels = true
            item.open()
        }
    }
    Connections {
        target: cameraLoader.item
        function onCodeFound(text) {
            root.useLabel(text)
        }
        function onChooseFileInstead() {
            fileDialog.open()
        }
        function onClosed() {
            Qt.callLater(() => cameraLoader.active = false)
        }
    }
}
