// A white, rounded surface that groups related content.
import QtQuick
import QtQuick.Controls
import SecapField

Pane {
    padding: Theme.spacingL
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.divider
        border.width: 1
    }
}
