// A tappable list row: badge, title, one or two lines of detail, an optional
// value on the right, and a chevron. At least 72 px high.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

ItemDelegate {
    id: root

    property string title
    property string subtitle
    property string detail
    property string trailingText
    property string trailingSubtext
    property color trailingColor: Theme.textPrimary
    property string iconName: "building"
    property color iconTint: Theme.primary
    property bool showChevron: true
    property bool selected: false
    property bool showDivider: true

    implicitHeight: Math.max(Theme.listRowHeight, content.implicitHeight + topPadding + bottomPadding)
    leftPadding: Theme.spacingL
    rightPadding: Theme.spacingS
    topPadding: Theme.spacingM
    bottomPadding: Theme.spacingM

    Accessible.role: Accessible.Button
    Accessible.name: [title, subtitle, detail, trailingText, trailingSubtext]
        .filter(s => s && s.length > 0).join(", ")

    background: Rectangle {
        color: root.selected ? Theme.primaryLight
                             : (root.down ? Theme.surfaceMuted : Theme.surface)
        Rectangle {
            visible: root.showDivider
            anchors.left: parent.left
            anchors.leftMargin: Theme.spacingL + 44 + Theme.spacingM
            anchors.right: parent.right
            anchors.bottom: parent.bottom
            height: 1
            color: Theme.divider
        }
        Rectangle {
            visible: root.selected
            anchors.left: parent.left
            anchors.top: parent.top
            anchors.bottom: parent.bottom
            width: 4
            color: Theme.primary
        }
    }

    contentItem: RowLayout {
        id: content
        spacing: Theme.spacingM

        CarrierBadge {
            Layout.alignment: Qt.AlignVCenter
            iconName: root.iconName
            tint: root.iconTint
        }

        ColumnLayout {
            Layout.fillWidth: true
            Layout.alignment: Qt.AlignVCenter
            spacing: 2

            Label {
                Layout.fillWidth: true
                text: root.title
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                elide: Text.ElideRight
                maximumLineCount: 2
                wrapMode: Text.Wrap
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.subtitle
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
                elide: Text.ElideRight
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: root.detail
                font.pixelSize: Theme.fontSmall
                color: Theme.textTertiary
                elide: Text.ElideRight
            }
        }

        ColumnLayout {
            Layout.alignment: Qt.AlignVCenter
            visible: root.trailingText.length > 0 || root.trailingSubtext.length > 0
            spacing: 2
            Label {
                Layout.alignment: Qt.AlignRight
                text: root.trailingText
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.DemiBold
                color: root.trailingColor
            }
            Label {
                Layout.alignment: Qt.AlignRight
                visible: text.length > 0
                text: root.trailingSubtext
                font.pixelSize: Theme.fontSmall
                color: Theme.textSecondary
            }
        }

        AppIcon {
            Layout.alignment: Qt.AlignVCenter
            visible: root.showChevron
            name: "chevron"
            color: Theme.textTertiary
            size: 22
        }
    }
}
