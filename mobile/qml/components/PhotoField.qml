// The optional photo of a form (a reading, a progress update, an
// inspection): take one with the camera where there is one, or choose a
// file; the attached photo is shown with its size, and can be replaced or
// removed. It holds the form's PhotoDraft (`draft`), which the form hands to
// App when it saves.
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import SecapField

Item {
    id: root

    property string title: qsTr("Photo")
    // What the photo is of, for the file dialog and screen readers.
    property string fileDialogTitle: qsTr("Choose a photo")
    property string chooseFileDescription: qsTr("Choose a photo from your files")
    // The caption over the attached photo shown whole.
    property string caption
    // The title row ("Photo  optional"); off where the form has its own.
    property bool showHeader: true
    readonly property alias draft: photo
    // A photo is being taken or chosen (the form clears an old notice).
    signal photoRequested()

    // "640 kB", "3,4 MB": the size of the photo that will be sent.
    function byteSizeText(bytes) {
        if (bytes < 1024 * 1024)
            return qsTr("%1 kB").arg(Math.max(1, Math.round(bytes / 1024)))
        return qsTr("%1 MB").arg(App.formatNumber(Math.round(bytes / (1024 * 1024) * 10) / 10))
    }

    function takePhoto() {
        photoRequested()
        if (cameraLoader.item)
            cameraLoader.openCamera()
        else
            cameraLoader.active = true
    }

    function choosePhotoFile() {
        photoRequested()
        photoDialog.open()
    }

    function showPhoto(url, caption) {
        viewer.source = url
        viewer.caption = caption
        viewer.open()
    }

    implicitWidth: column.implicitWidth
    implicitHeight: column.implicitHeight

    // The photo on the form until it is saved with the record.
    PhotoDraft {
        id: photo
        app: App
    }

    FileDialog {
        id: photoDialog
        title: root.fileDialogTitle
        nameFilters: [qsTr("Images (*.jpg *.jpeg *.png *.webp *.bmp)")]
        currentFolder: Media.picturesFolder
        onAccepted: photo.loadFile(selectedFile)
    }

    // The camera, loaded only when asked for (see CameraSheet.qml).
    Loader {
        id: cameraLoader

        function openCamera() {
            item.captureLocation = photo.newCapturePath()
            item.open()
        }

        active: false
        source: active ? Qt.resolvedUrl("CameraSheet.qml") : ""
        onLoaded: openCamera()
    }
    Connections {
        target: cameraLoader.item
        function onPhotoCaptured(path) {
            photo.loadCapture(path)
        }
        function onChooseFileInstead() {
            photoDialog.open()
        }
        // Closing the camera releases it.
        function onClosed() {
            Qt.callLater(() => cameraLoader.active = false)
        }
    }

    PhotoViewer {
        id: viewer
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacingS

        RowLayout {
            Layout.fillWidth: true
            visible: root.showHeader
            spacing: Theme.spacingS
            Label {
                text: root.title
                font.pixelSize: Theme.fontBody
                font.weight: Font.DemiBold
                color: Theme.textPrimary
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("optional")
                font.pixelSize: Theme.fontSmall
                color: Theme.textTertiary
            }
        }

        // No photo yet: the ways to add one.
        RowLayout {
            Layout.fillWidth: true
            visible: !photo.hasPhoto && !photo.busy
            spacing: Theme.spacingS
            SecondaryButton {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                visible: Media.cameraAvailable
                iconName: "camera"
                text: qsTr("Take photo")
                onClicked: root.takePhoto()
            }
            SecondaryButton {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                iconName: "image"
                text: Media.cameraAvailable ? qsTr("Choose file…") : qsTr("Add photo…")
                Accessible.description: root.chooseFileDescription
                onClicked: root.choosePhotoFile()
            }
        }
        Label {
            Layout.fillWidth: true
            visible: !Media.cameraAvailable && !photo.hasPhoto && !photo.busy
            wrapMode: Text.Wrap
            text: qsTr("No camera found on this device: choose a photo file instead.")
            font.pixelSize: Theme.fontSmall
            color: Theme.textSecondary
        }

        RowLayout {
            Layout.fillWidth: true
            visible: photo.busy
            spacing: Theme.spacingM
            BusyIndicator {
                implicitWidth: 36
                implicitHeight: 36
                running: photo.busy
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("Preparing the photo…")
                font.pixelSize: Theme.fontBody
                color: Theme.textSecondary
            }
        }

        // The attached photo: tap to see it whole.
        Rectangle {
            Layout.fillWidth: true
            visible: photo.hasPhoto
            implicitHeight: attachedRow.implicitHeight + 2 * Theme.spacingS
            radius: Theme.radiusSmall
            color: Theme.surfaceMuted
            border.color: Theme.divider

            RowLayout {
                id: attachedRow
                anchors.fill: parent
                anchors.margins: Theme.spacingS
                spacing: Theme.spacingM

                AbstractButton {
                    id: thumbnailButton
                    implicitWidth: 96
                    implicitHeight: 96
                    Accessible.role: Accessible.Button
                    Accessible.name: qsTr("Show the attached photo")
                    onClicked: root.showPhoto(photo.url, root.caption)
                    contentItem: Image {
                        source: photo.url
                        fillMode: Image.PreserveAspectCrop
                        sourceSize.width: 192
                        sourceSize.height: 192
                        asynchronous: true
                        cache: false
                    }
                    background: Rectangle {
                        color: Theme.divider
                        radius: 4
                        border.width: thumbnailButton.visualFocus ? 2 : 0
                        border.color: Theme.accent
                    }
                }

                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.alignment: Qt.AlignVCenter
                    spacing: 2
                    RowLayout {
                        spacing: Theme.spacingXs
                        AppIcon {
                            name: "check"
                            color: Theme.success
                            size: 18
                        }
                        Label {
                            Layout.fillWidth: true
                            text: qsTr("Photo attached")
                            font.pixelSize: Theme.fontBody
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            elide: Text.ElideRight
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 × %2 px, %3").arg(photo.width).arg(photo.height)
                              .arg(root.byteSizeText(photo.byteSize))
                        font.pixelSize: Theme.fontSmall
                        color: Theme.textSecondary
                        elide: Text.ElideRight
                    }
                    CheckBox {
                        Layout.leftMargin: -Theme.spacingS
                        text: qsTr("Keep full size")
                        checked: photo.fullSize
                        font.pixelSize: Theme.fontSmall
                        Accessible.description: qsTr("Send every pixel instead of a smaller copy. Uses more mobile data.")
                        onToggled: photo.fullSize = checked
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            visible: photo.hasPhoto
            spacing: Theme.spacingS
            SecondaryButton {
                id: replaceButton
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                iconName: Media.cameraAvailable ? "camera" : "image"
                text: qsTr("Replace…")
                Accessible.description: qsTr("Replace the attached photo")
                enabled: !photo.busy
                onClicked: Media.cameraAvailable ? replaceMenu.open() : root.choosePhotoFile()
                Menu {
                    id: replaceMenu
                    y: replaceButton.height
                    MenuItem {
                        text: qsTr("Take another photo")
                        onTriggered: root.takePhoto()
                    }
                    MenuItem {
                        text: qsTr("Choose a file…")
                        onTriggered: root.choosePhotoFile()
                    }
                }
            }
            SecondaryButton {
                Layout.fillWidth: true
                Layout.preferredWidth: 1
                destructive: true
                iconName: "delete"
                text: qsTr("Remove")
                Accessible.description: qsTr("Remove the attached photo")
                enabled: !photo.busy
                onClicked: photo.clear()
            }
        }

        // The chosen file could not be used.
        Label {
            Layout.fillWidth: true
            visible: photo.hasError
            wrapMode: Text.Wrap
            text: Labels.reasonMessage(photo.errorCode, photo.errorString)
            font.pixelSize: Theme.fontSmall
            color: Theme.error
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
