// The detail pane on wide screens before a site is chosen.
import QtQuick
import QtQuick.Controls
import SecapField

Page {
    title: App.municipalityName.length > 0 ? App.municipalityName : qsTr("SECAP Field")
    background: Rectangle { color: Theme.background }

    EmptyState {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.spacingXl, 400)
        iconName: "building"
        title: qsTr("Choose a site")
        text: qsTr("Pick a site on the left to see its meters and enter readings.")
    }
}
