// A photo shown over the whole window; a tap anywhere, Back or Escape
// closes it.
import QtQuick
import QtQuick.Controls
import SecapField

Popup {
    id: root

    property url source
    property string caption

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
    closePolicy: Popup.CloseOnEscape | Popup.CloseOnPressOutside

    background: Rectangle { color: "#101418" }

    contentItem: Item {
        Accessible.role: Accessible.Dialog
        Accessible.name: root.caption

        Image {
            anchors.fill: parent
            anchors.margins: Theme.spacingL
            anchors.topMargin: Theme.touchTarget + Theme.spacingL
            anchors.bottomMargin: captionLabel.visible ? captionLabel.height + Theme.spacingXl : Theme.spacingL
            source: root.opened || root.visible ? root.source : ""
            fillMode: Image.PreserveAspectFit
            asynchronous: true
            autoTransform: true
            // At most the window's size in memory, whatever the photo's.
            sourceSize.width: Math.max(1, width)
            sourceSize.height: Math.max(1, height)
            Accessible.role: Accessible.Graphic
            Accessible.name: root.caption
        }

        HeaderButton {
            anchors.top: parent.top
            anchors.right: parent.right
            anchors.margins: Theme.spacingXs
            iconName: "close"
            text: qsTr("Close photo")
            onClicked: root.close()
        }

        Label {
            id: captionLabel
            anchors.left: parent.left
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            anchors.margins: Theme.spacingL
            visible: root.caption.length > 0
            text: root.caption
            color: "#FFFFFF"
            font.pixelSize: Theme.fontBody
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
        }

        MouseArea {
            anchors.fill: parent
            z: -1
            onClicked: root.close()
        }
    }
}
