// The detail pane on wide screens before a site or a measure is chosen.
import QtQuick
import QtQuick.Controls
import SecapField

Page {
    // "sites" or "measures": what the list on the left holds.
    property string section: "sites"

    title: App.municipalityName.length > 0 ? App.municipalityName : qsTr("SECAP Field")
    background: Rectangle { color: Theme.background }

    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacingXl, 400)
        iconName: parent.section === "measures" ? "checklist" : "building"
        title: parent.section === "measures" ? qsTr("Choose a measure") : qsTr("Choose a site")
        text: parent.section === "measures"
              ? qsTr("Pick a measure on the left to see where it stands and add its progress.")
              : qsTr("Pick a site on the left to see its meters and enter readings.")
    }
}
