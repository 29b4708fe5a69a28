// The sync status that is always in view (DESIGN.md §7): online or offline,
// changes waiting to sync, records that need attention, and the last sync.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Rectangle {
    id: root

    readonly property string stateText: {
        if (App.upgradeRequired)
            return qsTr("Update required")
        if (!App.enrolled)
            return qsTr("Not enrolled")
        if (App.syncing)
            return qsTr("Syncing…")
        return App.online ? qsTr("Online") : qsTr("Offline")
    }

    implicitHeight: 36
    color: Theme.primaryDark
    Accessible.role: Accessible.StatusBar
    Accessible.name: [stateText,
                      pendingLabel.text,
                      App.needsAttentionCount > 0 ? attentionLabel.text : "",
                      lastSync.text].filter(s => s.length > 0).join(", ")

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: Theme.spacingL
        anchors.rightMargin: Theme.spacingL
        spacing: Theme.spacingM

        RowLayout {
            spacing: 6
            Rectangle {
                implicitWidth: 10
                implicitHeight: 10
                radius: 5
                color: App.upgradeRequired ? "#F5B041"
                                           : (App.online || App.syncing ? Theme.online : Theme.offline)
            }
            Label {
                text: root.stateText
                color: Theme.textOnPrimary
                font.pixelSize: Theme.fontSmall
                font.weight: Font.DemiBold
            }
        }

        RowLayout {
            spacing: 4
            visible: App.enrolled
            AppIcon {
                name: App.pendingCount > 0 ? "clock" : "cloudDone"
                color: Theme.textOnPrimaryMuted
                size: 16
            }
            Label {
                id: pendingLabel
                text: App.pendingCount > 0 ? Labels.toSync(App.pendingCount)
                                           : qsTr("All synced")
                color: Theme.textOnPrimary
                font.pixelSize: Theme.fontSmall
            }
        }

        Rectangle {
            visible: App.needsAttentionCount > 0
            implicitHeight: 22
            implicitWidth: attentionRow.implicitWidth + 14
            radius: 11
            color: "#F5B041"
            RowLayout {
                id: attentionRow
                anchors.centerIn: parent
                spacing: 3
                AppIcon { name: "warning"; color: "#3D2600"; size: 13 }
                Label {
                    id: attentionLabel
                    text: Labels.toCheck(App.needsAttentionCount)
                    color: "#3D2600"
                    font.pixelSize: Theme.fontCaption
                    font.weight: Font.DemiBold
                }
            }
        }

        Label {
            id: lastSync
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignRight
            visible: App.enrolled
            text: App.lastSyncText
            color: Theme.textOnPrimaryMuted
            font.pixelSize: Theme.fontSmall
            elide: Text.ElideRight
        }
    }
}
