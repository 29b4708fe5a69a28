// The wall tablet (DESIGN.md §7 kiosk): the public board, readable from
// 3 m, whose cards rotate, and the caretakers' readings: a name on the
// board (1 tap), the PIN, the meter (2; skipped where there is one), the
// digits on a large keypad with the previous reading shown, Save (3). Any
// screen goes back to the board after `idleMs` without a touch, dropping a
// half-typed entry (nothing is written). Leaving kiosk mode needs the admin
// PIN: a long press on the town's name.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import SecapField

Page {
    id: kiosk

    property int rotateMs: 12000
    property int idleMs: 60000
    // The board's languages in turn, one full round of cards each (e.g.
    // ["de", "en"] in Schwäbisch Hall); fewer than two: no rotation.
    property var languages: []
    // Qt Virtual Keyboard is the input method (main.cpp sets it for
    // --kiosk): the keyboard panel is shown for text.
    property bool virtualKeyboard: false

    // After the last card: the next language, if the board rotates them.
    function nextLanguage() {
        if (languages.length < 2)
            return
        const at = languages.indexOf(App.language)
        App.language = languages[(at + 1) % languages.length]
    }
    // Sizes for a 10" 1280×800 tablet read from 3 m.
    readonly property int keyFigure: 112
    readonly property int cardTitle: 40
    readonly property int cardText: 30
    readonly property var report: progress.report
    readonly property var cards: {
        let out = ["building", "progress"]
        if (board.measures.length > 0)
            out.push("measures")
        if (report.neutralityGapTCo2 !== undefined)
            out.push("neutrality")
        return out
    }
    // The admin PIN was given: the app may close.
    property bool unlocked: false
    signal exitRequested()

    function backToBoard() {
        flow.pop(null, StackView.Immediate)
        adminDialog.close()
    }

    // Used by --self-test and --screenshots: a card of the board, or a step
    // of a caretaker's reading. False when there is nothing to show.
    function showScreen(name) {
        backToBoard()
        if (name === "kiosk_pin" || name === "kiosk_reading" || name === "kiosk_note") {
            if (session.caretakers.length === 0)
                return false
            startReading(session.caretakers[0].personId, session.caretakers[0].name)
            if (name === "kiosk_pin") {
                flow.currentItem.preview()
                return true
            }
            if (readerMeters.length === 0)
                return false
            flow.replace(readingComponent, { "meter": readerMeters[0] }, StackView.Immediate)
            flow.currentItem.preview()
            if (name === "kiosk_note")
                flow.push(noteComponent, { "reading": flow.currentItem }, StackView.Immediate)
            return true
        }
        const index = cards.indexOf(name.substring("kiosk_".length))
        if (index < 0)
            return false
        flow.currentItem.showCard(index)
        return true
    }

    // The caretaker's meters: those of the sites where their PIN works.
    property var readerMeters: []

    function startReading(personId, name) {
        const person = session.caretakers.find(c => c.personId === personId)
        const sites = person ? person.siteIds : []
        readerMeters = board.meters.filter(m => sites.indexOf(m.siteId) >= 0)
        flow.push(pinComponent, { "personId": personId, "personName": name }, StackView.Immediate)
    }

    function percentText(fraction) {
        const pct = Math.round(fraction * 100)
        return (pct > 0 ? "+" : pct < 0 ? "−" : "") + App.formatNumber(Math.abs(pct)) + " %"
    }

    // Typed digits with the locale's thousands separator, as the previous
    // reading is shown (879716,5 → 879 716,5 in Polish).
    function grouped(text) {
        const at = text.indexOf(Qt.locale().decimalPoint)
        const whole = at < 0 ? text : text.substring(0, at)
        let out = ""
        for (let i = 0; i < whole.length; ++i) {
            if (i > 0 && (whole.length - i) % 3 === 0)
                out += Qt.locale().groupSeparator
            out += whole[i]
        }
        return out + (at < 0 ? "" : text.substring(at))
    }

    function tonnes(t) {
        return qsTr("%1 t CO₂").arg(App.formatNumber(Math.round(t)))
    }

    background: Rectangle { color: Theme.primaryDark }

    KioskSession {
        id: session
        objectName: "kioskSession"
        app: App
        idleTimeoutMs: kiosk.idleMs
        watchingInput: flow.depth > 1 || adminDialog.opened
        onIdle: kiosk.backToBoard()
        onAdminPinAccepted: {
            kiosk.unlocked = true
            adminDialog.close()
            kiosk.exitRequested()
        }
        onAdminPinRefused: adminDialog.errorText = qsTr("Wrong PIN.")
    }
    KioskBoard {
        id: board
        objectName: "kioskBoard"
        app: App
    }
    MunicipalityProgress {
        id: progress
        app: App
    }

    StackView {
        id: flow
        anchors.fill: parent
        initialItem: boardComponent
    }

    // The on-screen keyboard, over every step; it slides up for text.
    Loader {
        id: keyboardLoader
        objectName: "keyboardLoader"
        anchors.fill: parent
        z: 10
        active: kiosk.virtualKeyboard
        source: "KioskKeyboard.qml"
    }

    // The admin PIN, to leave kiosk mode.
    Dialog {
        id: adminDialog
        objectName: "adminDialog"
        property string errorText
        parent: Overlay.overlay
        anchors.centerIn: parent
        modal: true
        title: session.hasAdminPin ? qsTr("Leave kiosk mode") : qsTr("Set the admin PIN first")
        onOpened: {
            adminKeypad.text = ""
            errorText = ""
        }
        contentItem: ColumnLayout {
            spacing: Theme.spacingM
            Label {
                Layout.fillWidth: true
                text: session.hasAdminPin ? qsTr("Admin PIN") : qsTr("This tablet has no admin PIN yet: type one of 4 to 8 digits. It is kept on this tablet only.")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.fontBodyLarge
            }
            Label {
                Layout.alignment: Qt.AlignHCenter
                text: "●".repeat(adminKeypad.text.length) || " "
                font.pixelSize: 40
                color: Theme.textPrimary
            }
            Label {
                Layout.fillWidth: true
                visible: adminDialog.errorText.length > 0
                text: adminDialog.errorText
                color: Theme.error
                font.pixelSize: Theme.fontBodyLarge
            }
            KioskKeypad {
                id: adminKeypad
                Layout.preferredWidth: 360
                allowDecimal: false
                maxLength: 8
            }
            RowLayout {
                Layout.fillWidth: true
                SecondaryButton {
                    Layout.fillWidth: true
                    text: qsTr("Cancel")
                    onClicked: adminDialog.close()
                }
                PrimaryButton {
                    Layout.fillWidth: true
                    text: session.hasAdminPin ? qsTr("Leave") : qsTr("Set PIN")
                    enabled: adminKeypad.text.length >= 4 && !session.checking
                    onClicked: {
                        if (session.hasAdminPin) {
                            session.checkAdminPin(adminKeypad.text)
                        } else if (session.setAdminPin(adminKeypad.text)) {
                            adminKeypad.text = ""
                            adminDialog.errorText = ""
                        } else {
                            adminDialog.errorText = qsTr("Use 4 to 8 digits.")
                        }
                    }
                }
            }
        }
    }

    // ---- The board ----
    Component {
        id: boardComponent
        Item {
            objectName: "kioskBoardView"

            function showCard(index) {
                cardsView.setCurrentIndex(index)
            }

            // Town, sites, clock, and a discreet offline note.
            RowLayout {
                id: top
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                anchors.margins: 32
                spacing: 24
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 0
                    Label {
                        Layout.fillWidth: true
                        text: App.municipalityName
                        font.pixelSize: 44
                        font.weight: Font.Bold
                        color: Theme.textOnPrimary
                        elide: Text.ElideRight
                        MouseArea {
                            anchors.fill: parent
                            pressAndHoldInterval: 3000
                            onPressAndHold: adminDialog.open()
                        }
                    }
                    Label {
                        Layout.fillWidth: true
                        text: board.siteNames.join(" · ")
                        font.pixelSize: 26
                        color: Theme.textOnPrimaryMuted
                        elide: Text.ElideRight
                    }
                }
                ColumnLayout {
                    spacing: 0
                    Label {
                        id: clock
                        Layout.alignment: Qt.AlignRight
                        font.pixelSize: 44
                        font.weight: Font.DemiBold
                        color: Theme.textOnPrimary
                        text: Qt.formatTime(new Date(), "HH:mm")
                        Timer {
                            interval: 10000
                            running: true
                            repeat: true
                            onTriggered: clock.text = Qt.formatTime(new Date(), "HH:mm")
                        }
                    }
                    Label {
                        Layout.alignment: Qt.AlignRight
                        // Only once a sync has failed: a tablet just started
                        // has not tried yet.
                        visible: !App.online && App.lastSyncError.length > 0
                        objectName: "offlineNote"
                        text: App.lastSyncMs > 0 ? qsTr("Offline · data of %1").arg(App.formatDate(App.lastSyncMs))
                                                 : qsTr("Offline")
                        font.pixelSize: 22
                        color: Theme.textOnPrimaryMuted
                    }
                }
            }

            SwipeView {
                id: cardsView
                objectName: "cards"
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: top.bottom
                anchors.bottom: dots.top
                anchors.margins: 32
                anchors.bottomMargin: 8
                clip: true
                Repeater {
                    model: kiosk.cards
                    delegate: Loader {
                        required property string modelData
                        sourceComponent: modelData === "building" ? buildingCard
                                       : modelData === "progress" ? progressCard
                                       : modelData === "measures" ? measuresCard : neutralityCard
                    }
                }
            }
            Timer {
                interval: kiosk.rotateMs
                running: kiosk.visible && cardsView.count > 1
                repeat: true
                onTriggered: {
                    const next = (cardsView.currentIndex + 1) % cardsView.count
                    if (next === 0)
                        kiosk.nextLanguage()
                    cardsView.currentIndex = next
                }
            }
            PageIndicator {
                id: dots
                anchors.horizontalCenter: parent.horizontalCenter
                anchors.bottom: readers.top
                anchors.bottomMargin: 8
                count: cardsView.count
                currentIndex: cardsView.currentIndex
            }

            // Caretakers: one tap on a name starts a reading.
            Rectangle {
                id: readers
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.bottom: parent.bottom
                height: session.caretakers.length > 0 ? 128 : 0
                visible: session.caretakers.length > 0
                color: Qt.rgba(0, 0, 0, 0.18)
                // A Row, not a RowLayout: the names come and go with the
                // data, and Qt 6.4's layouts can crash on a Repeater's
                // delegates replaced while hidden (see NavBar.qml).
                Row {
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.verticalCenter: parent.verticalCenter
                    anchors.leftMargin: 32
                    anchors.rightMargin: 32
                    spacing: 16
                    Label {
                        anchors.verticalCenter: parent.verticalCenter
                        text: qsTr("Enter a meter reading:")
                        font.pixelSize: 28
                        color: Theme.textOnPrimary
                    }
                    Repeater {
                        model: session.caretakers
                        delegate: AbstractButton {
                            id: nameButton
                            required property var modelData
                            required property int index
                            objectName: "caretaker" + index
                            anchors.verticalCenter: parent ? parent.verticalCenter : undefined
                            implicitHeight: 80
                            implicitWidth: Math.max(200, nameText.implicitWidth + 48)
                            Accessible.role: Accessible.Button
                            Accessible.name: modelData.name
                            onClicked: kiosk.startReading(modelData.personId, modelData.name)
                            contentItem: Item {}
                            background: Rectangle {
                                radius: 40
                                color: nameButton.down ? Theme.primaryLight : Theme.surface
                                Label {
                                    id: nameText
                                    anchors.centerIn: parent
                                    text: nameButton.modelData.name
                                    font.pixelSize: 28
                                    font.weight: Font.DemiBold
                                    color: Theme.primary
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    // This building: last month against the same month a year before.
    Component {
        id: buildingCard
        KioskCard {
            objectName: "buildingCard"
            title: board.building.available
                   ? qsTr("Energy use in %1").arg(App.formatMonthYear(board.building.monthStart + 14 * 86400000))
                   : qsTr("Energy use of this building")
            RowLayout {
                anchors.fill: parent
                spacing: 48
                visible: board.building.available === true
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    spacing: 12
                    Label {
                        objectName: "buildingChange"
                        text: App.dataRevision, board.building.available ? kiosk.percentText(board.building.change) : ""
                        font.pixelSize: kiosk.keyFigure
                        font.weight: Font.Bold
                        color: (board.building.change || 0) <= 0 ? Theme.success : Theme.error
                    }
                    Label {
                        Layout.fillWidth: true
                        text: board.building.available
                              ? qsTr("compared with %1").arg(App.formatMonthYear(board.building.lastYearStart + 14 * 86400000))
                                + (board.building.normalised ? "\n" + qsTr("Heating compared for the same weather") : "")
                              : ""
                        font.pixelSize: kiosk.cardText
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("%1 kWh now, %2 kWh a year before").arg(App.formatNumber(Math.round(board.building.kwh || 0)))
                              .arg(App.formatNumber(Math.round(board.building.referenceKwh || 0)))
                        font.pixelSize: kiosk.cardText
                        color: Theme.textPrimary
                        wrapMode: Text.Wrap
                    }
                }
                // The two months side by side, to scale.
                Item {
                    id: bars
                    objectName: "buildingBars"
                    Layout.preferredWidth: 340
                    Layout.fillHeight: true
                    readonly property real peak: Math.max(board.building.kwh || 0, board.building.referenceKwh || 0, 1)
                    Repeater {
                        model: [
                            { "value": board.building.referenceKwh || 0, "at": board.building.lastYearStart || 0, "now": false },
                            { "value": board.building.kwh || 0, "at": board.building.monthStart || 0, "now": true }
                        ]
                        delegate: Item {
                            required property var modelData
                            required property int index
                            x: index * bars.width / 2
                            width: bars.width / 2
                            height: bars.height
                            Label {
                                id: monthLabel
                                anchors.bottom: parent.bottom
                                anchors.horizontalCenter: parent.horizontalCenter
                                // Redone once a new language's formats apply
                                // (refreshTexts bumps dataRevision).
                                text: App.dataRevision, App.formatMonthYear(parent.modelData.at + 14 * 86400000)
                                font.pixelSize: 24
                                color: Theme.textSecondary
                            }
                            Rectangle {
                                id: bar
                                anchors.bottom: monthLabel.top
                                anchors.bottomMargin: 8
                                anchors.horizontalCenter: parent.horizontalCenter
                                width: parent.width * 0.55
                                height: Math.max(4, (parent.height - monthLabel.height - 60) * parent.modelData.value / bars.peak)
                                radius: 8
                                color: !parent.modelData.now ? Theme.border
                                       : (board.building.change || 0) <= 0 ? Theme.success : Theme.error
                            }
                            Label {
                                anchors.bottom: bar.top
                                anchors.bottomMargin: 6
                                anchors.horizontalCenter: parent.horizontalCenter
                                text: App.dataRevision, App.formatNumber(Math.round(parent.modelData.value))
                                font.pixelSize: 24
                                font.weight: Font.DemiBold
                                color: Theme.textPrimary
                            }
                        }
                    }
                }
            }
            Label {
                anchors.fill: parent
                visible: board.building.available !== true
                text: qsTr("Not enough readings yet to compare with last year.")
                font.pixelSize: kiosk.cardText
                color: Theme.textSecondary
                wrapMode: Text.Wrap
            }
        }
    }

    // The town's SECAP progress: emissions against the baseline and the path.
    Component {
        id: progressCard
        KioskCard {
            objectName: "progressCard"
            title: qsTr("Our town's CO₂ emissions")
            RowLayout {
                anchors.fill: parent
                spacing: 32
                ColumnLayout {
                    Layout.preferredWidth: 1
                    Layout.fillWidth: true
                    spacing: 12
                    Label {
                        objectName: "progressReduction"
                        text: kiosk.report.reduction ? kiosk.percentText(-kiosk.report.reduction.reductionPct / 100) : "–"
                        font.pixelSize: kiosk.keyFigure
                        font.weight: Font.Bold
                        color: Theme.success
                    }
                    Label {
                        Layout.fillWidth: true
                        text: kiosk.report.reduction
                              ? qsTr("since %1 (%2)").arg(kiosk.report.baselineYear).arg(kiosk.report.reduction.year)
                              : qsTr("No inventory yet")
                        font.pixelSize: kiosk.cardText
                        color: Theme.textSecondary
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        text: qsTr("Goal: −%1 % by %2").arg(App.formatNumber(kiosk.report.targetReductionPct || 0))
                              .arg(kiosk.report.targetYear || "")
                        font.pixelSize: kiosk.cardText
                        font.weight: Font.DemiBold
                        color: Theme.textPrimary
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: kiosk.report.reduction !== undefined
                        text: kiosk.report.reduction && kiosk.report.reduction.onTrack
                              ? qsTr("On track") : qsTr("Behind the path to the goal")
                        font.pixelSize: kiosk.cardText
                        color: kiosk.report.reduction && kiosk.report.reduction.onTrack ? Theme.success : Theme.warning
                    }
                }
                EmissionsChart {
                    Layout.preferredWidth: 1
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    inventories: kiosk.report.bei ? [kiosk.report.bei].concat(kiosk.report.meis) : []
                    path: kiosk.report.path || []
                    baselineYear: kiosk.report.baselineYear || 0
                    targetYear: kiosk.report.targetYear || 0
                    targetTCo2: kiosk.report.targetTCo2 || 0
                }
            }
        }
    }

    // What has been done: completed measures with their published photos.
    Component {
        id: measuresCard
        KioskCard {
            objectName: "measuresCard"
            title: qsTr("Done in our town")
            // A Row of three (see the caretakers' Row on the board).
            Row {
                id: measuresRow
                anchors.fill: parent
                spacing: 24
                Repeater {
                    model: board.measures.slice(0, 3)
                    delegate: ColumnLayout {
                        required property var modelData
                        width: (measuresRow.width - 2 * measuresRow.spacing) / 3
                        height: measuresRow.height
                        spacing: 8
                        // No published photo yet: a tile with the done mark.
                        Rectangle {
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            visible: parent.modelData.photoUrls.length === 0
                            radius: 12
                            color: Theme.primaryLight
                            AppIcon {
                                anchors.centerIn: parent
                                name: "verified"
                                size: Math.min(parent.width, parent.height) * 0.4
                                color: Theme.primary
                            }
                        }
                        Image {
                            objectName: "measurePhoto"
                            Layout.fillWidth: true
                            Layout.fillHeight: true
                            visible: parent.modelData.photoUrls.length > 0
                            source: parent.modelData.photoUrls.length > 0 ? parent.modelData.photoUrls[0] : ""
                            fillMode: Image.PreserveAspectCrop
                            asynchronous: true
                            sourceSize.width: 640
                        }
                        Label {
                            Layout.fillWidth: true
                            text: parent.modelData.title
                            font.pixelSize: kiosk.cardText
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                            wrapMode: Text.Wrap
                            maximumLineCount: 2
                            elide: Text.ElideRight
                        }
                    }
                }
            }
        }
    }

    // The way to climate neutrality.
    Component {
        id: neutralityCard
        KioskCard {
            objectName: "neutralityCard"
            title: qsTr("Climate-neutral by %1").arg(kiosk.report.neutralityYear || "")
            ColumnLayout {
                anchors.fill: parent
                spacing: 12
                Label {
                    text: kiosk.tonnes(kiosk.report.neutralityGapTCo2 || 0)
                    font.pixelSize: kiosk.keyFigure * 0.8
                    font.weight: Font.Bold
                    color: Theme.primary
                }
                Label {
                    Layout.fillWidth: true
                    text: qsTr("still to cut to get there")
                    font.pixelSize: kiosk.cardText
                    color: Theme.textSecondary
                }
                Label {
                    Layout.fillWidth: true
                    visible: kiosk.report.neutralityCutTCo2PerYear !== undefined
                    text: qsTr("That is %1 less every year from now on.").arg(kiosk.tonnes(kiosk.report.neutralityCutTCo2PerYear || 0))
                    font.pixelSize: kiosk.cardText
                    color: Theme.textPrimary
                    wrapMode: Text.Wrap
                }
            }
        }
    }

    // ---- A caretaker's reading ----
    Component {
        id: pinComponent
        KioskPanel {
            id: pinPanel
            objectName: "kioskPin"
            property string personId
            property string personName
            property string message
            function preview() {
                pinKeypad.text = "24"
            }
            title: qsTr("Hello, %1. Your PIN, please.").arg(personName)
            onBack: kiosk.backToBoard()
            Connections {
                target: session
                function onPinAccepted(personId) {
                    if (personId !== pinPanel.personId)
                        return
                    if (kiosk.readerMeters.length === 1)
                        flow.replace(readingComponent, { "meter": kiosk.readerMeters[0] }, StackView.Immediate)
                    else
                        flow.replace(metersComponent, {}, StackView.Immediate)
                }
                function onPinRefused(personId, attemptsLeft) {
                    pinKeypad.text = ""
                    pinPanel.message = qsTr("Wrong PIN. %1 tries left.").arg(attemptsLeft)
                }
                function onPersonLocked(personId, untilMs) {
                    pinKeypad.text = ""
                    pinPanel.message = qsTr("Too many wrong PINs: locked until %1.")
                        .arg(Qt.formatTime(new Date(untilMs), "HH:mm"))
                }
            }
            ColumnLayout {
                anchors.centerIn: parent
                width: 420
                spacing: 16
                Label {
                    objectName: "pinDots"
                    Layout.alignment: Qt.AlignHCenter
                    text: "●".repeat(pinKeypad.text.length) || " "
                    font.pixelSize: 48
                    color: Theme.textPrimary
                }
                Label {
                    objectName: "pinMessage"
                    Layout.fillWidth: true
                    visible: pinPanel.message.length > 0
                    text: pinPanel.message
                    font.pixelSize: 26
                    color: Theme.error
                    wrapMode: Text.Wrap
                    horizontalAlignment: Text.AlignHCenter
                }
                KioskKeypad {
                    id: pinKeypad
                    objectName: "pinKeypad"
                    Layout.fillWidth: true
                    allowDecimal: false
                    maxLength: 8
                    onTyped: pinPanel.message = ""
                }
                PrimaryButton {
                    objectName: "pinOk"
                    Layout.fillWidth: true
                    implicitHeight: 80
                    font.pixelSize: 30
                    text: session.checking ? qsTr("Checking…") : qsTr("OK")
                    enabled: pinKeypad.text.length >= 4 && !session.checking
                    onClicked: session.checkPin(pinPanel.personId, pinKeypad.text)
                }
            }
        }
    }

    Component {
        id: metersComponent
        KioskPanel {
            objectName: "kioskMeters"
            title: qsTr("Which meter?")
            onBack: kiosk.backToBoard()
            GridLayout {
                anchors.fill: parent
                columns: 2
                rowSpacing: 16
                columnSpacing: 16
                Repeater {
                    model: kiosk.readerMeters
                    delegate: AbstractButton {
                        id: meterButton
                        required property var modelData
                        required property int index
                        objectName: "kioskMeter" + index
                        Layout.fillWidth: true
                        implicitHeight: 112
                        Accessible.role: Accessible.Button
                        Accessible.name: Labels.carrierName(modelData.carrier) + ", " + modelData.siteName
                        // After the click is delivered: replacing the page in
                        // its own handler leaves the press with a dead item.
                        onClicked: Qt.callLater(() => flow.replace(readingComponent, { "meter": modelData },
                                                                   StackView.Immediate))
                        contentItem: Item {}
                        background: Rectangle {
                            radius: 16
                            color: meterButton.down ? Theme.primaryLight : Theme.surface
                            border.color: Theme.border
                            RowLayout {
                                anchors.fill: parent
                                anchors.margins: 20
                                spacing: 16
                                CarrierBadge {
                                    diameter: 64
                                    iconName: Labels.carrierIcon(meterButton.modelData.carrier)
                                    tint: Theme.carrierColor(meterButton.modelData.carrier)
                                }
                                ColumnLayout {
                                    Layout.fillWidth: true
                                    Label {
                                        text: Labels.carrierName(meterButton.modelData.carrier)
                                        font.pixelSize: 30
                                        font.weight: Font.DemiBold
                                        color: Theme.textPrimary
                                    }
                                    Label {
                                        Layout.fillWidth: true
                                        text: meterButton.modelData.siteName + (meterButton.modelData.serial ? " · " + meterButton.modelData.serial : "")
                                        font.pixelSize: 22
                                        color: Theme.textSecondary
                                        elide: Text.ElideRight
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    Component {
        id: readingComponent
        KioskPanel {
            id: readingPanel
            objectName: "kioskReading"
            property var meter: ({})
            property string message
            property string note
            readonly property var value: App.parseNumber(keypad.text)
            readonly property bool lower: value !== undefined && readings.hasLatest && value < readings.latestValue
            function preview() {
                keypad.text = String(Math.floor(readings.latestValue) + 137)
            }
            title: Labels.carrierName(meter.carrier || 0) + " · " + (meter.siteName || "")
            onBack: kiosk.backToBoard()
            ReadingsModel {
                id: readings
                app: App
                meterId: readingPanel.meter.meterId || ""
                limit: 1
            }
            Connections {
                target: App
                function onReadingSaved(meterId, readingId, value) {
                    if (meterId === readingPanel.meter.meterId)
                        flow.replace(thanksComponent, {}, StackView.Immediate)
                }
                function onReadingRejected(meterId, reasonCode, message) {
                    if (meterId === readingPanel.meter.meterId)
                        readingPanel.message = Labels.reasonMessage(reasonCode, message)
                }
            }
            RowLayout {
                anchors.fill: parent
                spacing: 48
                ColumnLayout {
                    Layout.fillWidth: true
                    Layout.preferredWidth: 1
                    Layout.alignment: Qt.AlignTop
                    spacing: 16
                    Label {
                        text: qsTr("Previous reading")
                        font.pixelSize: 26
                        color: Theme.textSecondary
                    }
                    Label {
                        objectName: "previousReading"
                        text: readings.hasLatest ? readings.latestValueText + " " + Labels.unitSymbol(readingPanel.meter.unit || 0) : "–"
                        font.pixelSize: 44
                        color: Theme.textPrimary
                    }
                    Label {
                        text: qsTr("New reading")
                        font.pixelSize: 26
                        color: Theme.textSecondary
                    }
                    Rectangle {
                        Layout.fillWidth: true
                        implicitHeight: 96
                        radius: 16
                        color: Theme.surface
                        border.width: 3
                        border.color: readingPanel.lower ? Theme.warning : Theme.primary
                        Label {
                            objectName: "typedValue"
                            anchors.verticalCenter: parent.verticalCenter
                            anchors.right: parent.right
                            anchors.rightMargin: 24
                            text: kiosk.grouped(keypad.text) + " " + Labels.unitSymbol(readingPanel.meter.unit || 0)
                            font.pixelSize: 56
                            font.weight: Font.DemiBold
                            color: Theme.textPrimary
                        }
                    }
                    // An optional note (a meter exchanged, a reading
                    // estimated), typed on the on-screen keyboard.
                    AbstractButton {
                        id: noteButton
                        objectName: "addNote"
                        Layout.fillWidth: true
                        implicitHeight: 64
                        Accessible.role: Accessible.Button
                        Accessible.name: readingPanel.note.length > 0 ? qsTr("Note: %1").arg(readingPanel.note) : qsTr("Add a note")
                        onClicked: Qt.callLater(() => flow.push(noteComponent, { "reading": readingPanel }, StackView.Immediate))
                        contentItem: RowLayout {
                            spacing: 12
                            AppIcon {
                                name: "edit"
                                size: 32
                                color: Theme.primary
                            }
                            Label {
                                objectName: "noteText"
                                Layout.fillWidth: true
                                text: readingPanel.note.length > 0 ? qsTr("Note: %1").arg(readingPanel.note) : qsTr("Add a note")
                                font.pixelSize: 26
                                color: readingPanel.note.length > 0 ? Theme.textPrimary : Theme.primary
                                elide: Text.ElideRight
                            }
                        }
                        background: Rectangle {
                            radius: 12
                            color: noteButton.down ? Theme.primaryLight : "transparent"
                        }
                    }
                    Label {
                        objectName: "lowerWarning"
                        Layout.fillWidth: true
                        visible: readingPanel.lower
                        text: qsTr("Lower than the previous reading. Check the digits; save anyway if the meter shows it.")
                        font.pixelSize: 24
                        color: Theme.warning
                        wrapMode: Text.Wrap
                    }
                    Label {
                        Layout.fillWidth: true
                        visible: readingPanel.message.length > 0
                        text: readingPanel.message
                        font.pixelSize: 24
                        color: Theme.error
                        wrapMode: Text.Wrap
                    }
                    PrimaryButton {
                        objectName: "saveReading"
                        Layout.fillWidth: true
                        implicitHeight: 88
                        font.pixelSize: 32
                        warning: readingPanel.lower
                        text: readingPanel.lower ? qsTr("Save anyway") : qsTr("Save reading")
                        enabled: readingPanel.value !== undefined && !App.saving
                        onClicked: {
                            readingPanel.message = ""
                            App.recordReading(readingPanel.meter.meterId, keypad.text, readingPanel.note)
                        }
                    }
                }
                KioskKeypad {
                    id: keypad
                    objectName: "readingKeypad"
                    // A layout fills by default: keep it to its width.
                    Layout.fillWidth: false
                    Layout.preferredWidth: 420
                    Layout.maximumWidth: 420
                    Layout.alignment: Qt.AlignTop
                    onTyped: readingPanel.message = ""
                }
            }
        }
    }

    // The note to a reading: the field at the top, the on-screen keyboard
    // below it. Done keeps it; Back leaves the note as it was.
    Component {
        id: noteComponent
        KioskPanel {
            id: notePanel
            objectName: "kioskNote"
            property Item reading
            title: qsTr("A note to the reading")
            onBack: flow.pop(StackView.Immediate)
            function done() {
                noteField.editingFinished()
                reading.note = noteField.text.trim()
                flow.pop(StackView.Immediate)
            }
            Component.onCompleted: noteField.text = reading ? reading.note : ""
            // The keyboard comes up at once: the field has the focus (the
            // StackView gives it to the page once it is shown: passed on).
            StackView.onActivated: noteField.forceActiveFocus()
            onActiveFocusChanged: if (activeFocus) noteField.forceActiveFocus()
            RowLayout {
                anchors.left: parent.left
                anchors.right: parent.right
                anchors.top: parent.top
                spacing: 24
                TextField {
                    id: noteField
                    objectName: "noteField"
                    Layout.fillWidth: true
                    implicitHeight: 88
                    font.pixelSize: 30
                    maximumLength: 500
                    placeholderText: qsTr("e.g. the meter was exchanged")
                    Accessible.name: qsTr("A note to the reading")
                    inputMethodHints: Qt.ImhNoPredictiveText
                    onAccepted: notePanel.done()
                }
                PrimaryButton {
                    objectName: "noteDone"
                    implicitHeight: 88
                    implicitWidth: 220
                    font.pixelSize: 30
                    text: qsTr("Done")
                    onClicked: Qt.callLater(notePanel.done)
                }
            }
        }
    }

    Component {
        id: thanksComponent
        KioskPanel {
            objectName: "kioskThanks"
            title: qsTr("Thank you!")
            showBack: false
            Timer {
                interval: 3000
                running: true
                onTriggered: kiosk.backToBoard()
            }
            Label {
                anchors.centerIn: parent
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: App.online ? qsTr("The reading is saved.") : qsTr("The reading is saved on this tablet and syncs when it is online.")
                font.pixelSize: 36
                color: Theme.textPrimary
                wrapMode: Text.Wrap
            }
        }
    }
}
