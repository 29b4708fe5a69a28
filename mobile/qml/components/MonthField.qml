// A month of a year, or none: for a measure's planned start and end, which
// the plan gives to the month. `ms` is the first day of the month (UTC), 0
// when not set.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

RowLayout {
    id: root

    property real ms: 0
    property string accessibleName
    readonly property int month: monthBox.currentIndex  // 0: not set, else 1..12
    readonly property int year: yearBox.value

    function load(value) {
        if (value > 0) {
            const d = new Date(value)
            yearBox.value = d.getUTCFullYear()
            monthBox.currentIndex = d.getUTCMonth() + 1
        } else {
            monthBox.currentIndex = 0
        }
        ms = value > 0 ? Date.UTC(yearBox.value, monthBox.currentIndex - 1, 1) : 0
    }

    function update() {
        ms = monthBox.currentIndex > 0 ? Date.UTC(yearBox.value, monthBox.currentIndex - 1, 1) : 0
    }

    spacing: Theme.spacingS

    ComboBox {
        id: monthBox
        Layout.fillWidth: true
        implicitHeight: Theme.touchTarget
        model: {
            let names = [qsTr("Not set")]
            for (let m = 0; m < 12; ++m)
                names.push(Qt.locale().standaloneMonthName(m, Locale.LongFormat))
            return names
        }
        Accessible.name: root.accessibleName + ", " + qsTr("month")
        onActivated: root.update()
    }
    SpinBox {
        id: yearBox
        implicitHeight: Theme.touchTarget
        enabled: monthBox.currentIndex > 0
        from: 2000
        to: 2060
        value: new Date().getFullYear()
        editable: true
        textFromValue: (value, locale) => String(value)
        valueFromText: (text, locale) => parseInt(text)
        Accessible.name: root.accessibleName + ", " + qsTr("year")
        onValueModified: root.update()
    }
}
