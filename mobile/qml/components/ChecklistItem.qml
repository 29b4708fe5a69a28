// One question of an inspection's checklist, answered in place: yes/no,
// a number (in the locale's format, with its unit and range), one of the
// choices, a text, or a photo. Required questions say so; a missing or
// unfitting answer is marked once the user tried to submit.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Card {
    id: root

    required property var item
    required property int number
    required property InspectionForm form
    // Mark a required question that has no answer.
    property bool showMissing: false
    readonly property var answer: form.answers[item.key]
    readonly property bool answered: answer !== undefined
    readonly property bool missing: form.missing.indexOf(item.key) >= 0
    readonly property bool invalid: form.invalid.indexOf(item.key) >= 0 || numberField.typedInvalid
    readonly property bool flagged: (showMissing && missing) || invalid

    function rangeText() {
        const unit = item.unit ? " " + item.unit : ""
        if (item.min !== undefined && item.max !== undefined)
            return qsTr("Between %1 and %2%3").arg(App.formatNumber(item.min)).arg(App.formatNumber(item.max)).arg(unit)
        if (item.min !== undefined)
            return qsTr("At least %1%2").arg(App.formatNumber(item.min)).arg(unit)
        if (item.max !== undefined)
            return qsTr("At most %1%2").arg(App.formatNumber(item.max)).arg(unit)
        return ""
    }

    objectName: "item_" + item.key
    Accessible.role: Accessible.Grouping
    Accessible.name: item.prompt
    background: Rectangle {
        color: Theme.surface
        radius: Theme.radius
        border.color: root.flagged ? Theme.error : Theme.divider
        border.width: root.flagged ? 2 : 1
    }

    ColumnLayout {
        anchors.left: parent.left
        anchors.right: parent.right
        spacing: Theme.spacingM

        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacingS
            Rectangle {
                Layout.alignment: Qt.AlignTop
                implicitWidth: 28
                implicitHeight: 28
                radius: 14
                color: root.answered && !root.invalid ? Theme.accentLight : Theme.surfaceMuted
                border.color: root.answered && !root.invalid ? Theme.accent : Theme.border
                Label {
                    anchors.centerIn: parent
                    text: root.answered && !root.invalid ? "✓" : root.number
                    font.pixelSize: Theme.fontSmall
                    font.weight: Font.DemiBold
                    color: root.answered && !root.invalid ? Theme.success : Theme.textSecondary
                }
            }
            Label {
                Layout.fillWidth: true
                text: root.item.prompt
                font.pixelSize: Theme.fontBodyLarge
                font.weight: Font.DemiBold
                color: Theme.textPrimary
                wrapMode: Text.Wrap
                Accessible.role: Accessible.Heading
            }
            Label {
                Layout.alignment: Qt.AlignTop
                visible: root.item.required
                text: qsTr("Required")
                font.pixelSize: Theme.fontCaption
                font.weight: Font.DemiBold
                color: root.flagged ? Theme.error : Theme.textTertiary
            }
        }

        // Yes / No as two large toggles.
        RowLayout {
            Layout.fillWidth: true
            visible: root.item.kind === "yes_no"
            spacing: Theme.spacingS
            Repeater {
                model: [true, false]
                delegate: AbstractButton {
                    id: choice
                    required property bool modelData
                    readonly property bool active: root.answer === modelData
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    implicitHeight: Theme.touchTarget
                    checkable: true
                    checked: active
                    focusPolicy: Qt.StrongFocus
                    objectName: root.item.key + (modelData ? "_yes" : "_no")
                    Accessible.role: Accessible.RadioButton
                    Accessible.name: (modelData ? qsTr("Yes") : qsTr("No")) + ", " + root.item.prompt
                    Accessible.checked: active
                    onClicked: root.form.setYesNo(root.item.key, modelData)
                    contentItem: Item {}
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: choice.active ? (choice.modelData ? Theme.accentLight : Theme.errorBackground) : Theme.surface
                        border.width: choice.active || choice.visualFocus ? 2 : 1
                        border.color: choice.active ? (choice.modelData ? Theme.accent : Theme.error)
                                                    : (choice.visualFocus ? Theme.accent : Theme.border)
                        Label {
                            anchors.centerIn: parent
                            text: choice.modelData ? qsTr("Yes") : qsTr("No")
                            font.pixelSize: Theme.fontBodyLarge
                            font.weight: choice.active ? Font.DemiBold : Font.Normal
                            color: choice.active ? (choice.modelData ? Theme.success : Theme.error) : Theme.textPrimary
                        }
                    }
                }
            }
        }

        // A number in the locale's format, with its unit.
        ColumnLayout {
            Layout.fillWidth: true
            visible: root.item.kind === "number"
            spacing: Theme.spacingXs
            FormTextField {
                id: numberField
                property bool typedInvalid: false
                objectName: root.item.key + "_number"
                Layout.fillWidth: true
                Layout.maximumWidth: 280
                suffix: root.item.unit || ""
                horizontalAlignment: TextInput.AlignRight
                inputMethodHints: Qt.ImhFormattedNumbersOnly | Qt.ImhNoPredictiveText
                invalid: typedInvalid || root.form.invalid.indexOf(root.item.key) >= 0
                Accessible.name: root.item.prompt
                Component.onCompleted: {
                    if (root.item.kind === "number" && typeof root.answer === "number")
                        text = App.formatNumber(root.answer)
                }
                onTextEdited: typedInvalid = !root.form.setNumberText(root.item.key, text)
            }
            Label {
                Layout.fillWidth: true
                visible: text.length > 0
                text: numberField.typedInvalid ? qsTr("That is not a number.")
                                               : root.rangeText()
                font.pixelSize: Theme.fontSmall
                color: root.invalid ? Theme.error : Theme.textSecondary
                wrapMode: Text.Wrap
            }
        }

        // One of the choices.
        Flow {
            Layout.fillWidth: true
            visible: root.item.kind === "choice"
            spacing: Theme.spacingS
            Accessible.role: Accessible.Grouping
            Accessible.name: root.item.prompt
            Repeater {
                model: root.item.kind === "choice" ? root.item.choices : []
                delegate: AbstractButton {
                    id: option
                    required property var modelData
                    required property int index
                    readonly property bool active: root.answer === modelData.key
                    implicitHeight: Theme.touchTarget
                    implicitWidth: optionLabel.implicitWidth + 2 * Theme.spacingL
                    checkable: true
                    checked: active
                    focusPolicy: Qt.StrongFocus
                    objectName: root.item.key + "_" + modelData.key
                    Accessible.role: Accessible.RadioButton
                    Accessible.name: optionLabel.text
                    Accessible.checked: active
                    onClicked: root.form.setChoice(root.item.key, modelData.key)
                    contentItem: Item {}
                    background: Rectangle {
                        radius: Theme.radiusSmall
                        color: option.active ? Theme.primaryLight : Theme.surface
                        border.width: option.active || option.visualFocus ? 2 : 1
                        border.color: option.active ? Theme.primary : (option.visualFocus ? Theme.accent : Theme.border)
                        Label {
                            id: optionLabel
                            anchors.centerIn: parent
                            text: option.modelData.label
                            font.pixelSize: Theme.fontBody
                            font.weight: option.active ? Font.DemiBold : Font.Normal
                            color: option.active ? Theme.primary : Theme.textPrimary
                        }
                    }
                }
            }
        }

        // Free text.
        TextArea {
            id: textField
            property bool ready: false
            objectName: root.item.key + "_text"
            Layout.fillWidth: true
            Layout.minimumHeight: 88
            visible: root.item.kind === "text"
            wrapMode: TextEdit.Wrap
            placeholderText: qsTr("Type here")
            placeholderTextColor: "#9AA5AF"
            font.pixelSize: Theme.fontBody
            Accessible.name: root.item.prompt
            leftPadding: Theme.spacingM
            rightPadding: Theme.spacingM
            topPadding: Theme.spacingS
            bottomPadding: Theme.spacingS
            Component.onCompleted: {
                if (root.item.kind === "text" && typeof root.answer === "string")
                    text = root.answer
                ready = true
            }
            onTextChanged: if (ready) root.form.setText(root.item.key, text)
            background: Rectangle {
                radius: Theme.radiusSmall
                color: Theme.surface
                border.width: textField.activeFocus ? 2 : 1
                border.color: textField.activeFocus ? Theme.primary : Theme.border
            }
        }

        // A photo: taken or chosen, then kept with the draft.
        RowLayout {
            Layout.fillWidth: true
            visible: root.item.kind === "photo" && root.answered
            spacing: Theme.spacingM
            AbstractButton {
                implicitWidth: 96
                implicitHeight: 96
                Accessible.role: Accessible.Button
                Accessible.name: qsTr("Show the photo")
                onClicked: photoField.showPhoto(root.answer, root.item.prompt)
                contentItem: Image {
                    source: root.item.kind === "photo" && root.answered ? root.answer : ""
                    fillMode: Image.PreserveAspectCrop
                    sourceSize.width: 192
                    sourceSize.height: 192
                    asynchronous: true
                    cache: false
                }
                background: Rectangle { color: Theme.divider; radius: 4 }
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: Theme.spacingS
                Label {
                    Layout.fillWidth: true
                    text: qsTr("Photo attached")
                    font.pixelSize: Theme.fontBody
                    font.weight: Font.DemiBold
                    color: Theme.success
                }
                SecondaryButton {
                    destructive: true
                    iconName: "delete"
                    text: qsTr("Remove")
                    Accessible.description: qsTr("Remove the photo of this question")
                    onClicked: root.form.clearAnswer(root.item.key)
                }
            }
        }
        PhotoField {
            id: photoField
            Layout.fillWidth: true
            visible: root.item.kind === "photo" && !root.answered
            showHeader: false
            caption: root.item.prompt
        }
        Connections {
            target: root.item.kind === "photo" ? photoField.draft : null
            function onPhotoChanged() {
                if (photoField.draft.hasPhoto && !photoField.draft.busy)
                    Qt.callLater(() => root.form.adoptPhoto(root.item.key, photoField.draft))
            }
        }

        Label {
            Layout.fillWidth: true
            visible: root.showMissing && root.missing
            text: qsTr("This question needs an answer.")
            font.pixelSize: Theme.fontSmall
            color: Theme.error
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }
}
