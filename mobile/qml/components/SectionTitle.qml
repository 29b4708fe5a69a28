// A small heading above a group of rows.
import QtQuick
import QtQuick.Controls
import SecapField

Label {
    font.pixelSize: Theme.fontSmall
    font.weight: Font.DemiBold
    font.letterSpacing: 0.6
    font.capitalization: Font.AllUppercase
    color: Theme.textSecondary
    topPadding: Theme.spacingL
    bottomPadding: Theme.spacingS
    Accessible.role: Accessible.Heading
}
