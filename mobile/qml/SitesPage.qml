// The sites of the municipality: searchable, with kind, meters and address.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: page

    // The site shown next to the list on wide screens, highlighted.
    property string currentSiteId
    signal siteActivated(string siteId)

    title: App.municipalityName.length > 0 ? App.municipalityName : qsTr("Sites")
    background: Rectangle { color: Theme.background }

    SitesModel {
        id: sites
        app: App
        filter: search.text
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Pane {
            Layout.fillWidth: true
            padding: Theme.spacingL
            bottomPadding: Theme.spacingM
            background: Rectangle { color: Theme.background }

            SearchField {
                id: search
                anchors.left: parent.left
                anchors.right: parent.right
                placeholderText: qsTr("Search sites or addresses")
                accessibleName: qsTr("Search sites")
            }
        }

        Label {
            Layout.fillWidth: true
            Layout.leftMargin: Theme.spacingL + 4
            Layout.bottomMargin: Theme.spacingS
            visible: sites.totalCount > 0
            text: search.text.length > 0
                  ? qsTr("%1 of %2").arg(sites.count).arg(Labels.sites(sites.totalCount))
                  : Labels.sites(sites.totalCount)
            color: Theme.textSecondary
            font.pixelSize: Theme.fontSmall
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: sites
            boundsBehavior: Flickable.StopAtBounds
            ScrollIndicator.vertical: ScrollIndicator {}

            delegate: ListRow {
                required property string siteId
                required property string name
                required property int kind
                required property string address
                required property int meterCount
                required property int index

                width: ListView.view.width
                title: name
                subtitle: Labels.siteKindName(kind) + "  ·  "
                          + (meterCount > 0 ? Labels.meters(meterCount) : qsTr("No meters"))
                detail: address
                iconName: Labels.siteKindIcon(kind)
                iconTint: Theme.primary
                selected: siteId === page.currentSiteId
                showDivider: index < sites.count - 1
                onClicked: page.siteActivated(siteId)
            }

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 2 * Theme.spacingXl, 360)
                visible: sites.count === 0
                iconName: sites.totalCount > 0 ? "search" : "building"
                title: sites.totalCount > 0 ? qsTr("No matching sites") : qsTr("No sites yet")
                text: sites.totalCount > 0
                      ? qsTr("Try another name or street.")
                      : qsTr("Sites appear here after the first sync with the server.")
            }
        }
    }
}
