// Colours, type scale and spacing of SECAP Field, in one place.
pragma Singleton
import QtQuick

QtObject {
    // Brand: a deep petrol blue with a climate green accent.
    readonly property color primary: "#0E5A73"
    readonly property color primaryDark: "#0A4658"
    readonly property color primaryLight: "#E3F0F4"
    readonly property color accent: "#23895E"
    readonly property color accentLight: "#E2F3EA"

    readonly property color background: "#F2F4F6"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceMuted: "#F7F9FA"
    readonly property color divider: "#E1E5E9"
    readonly property color border: "#D5DBE0"

    readonly property color textPrimary: "#16202A"
    readonly property color textSecondary: "#56626E"
    readonly property color textTertiary: "#7C8792"
    readonly property color textOnPrimary: "#FFFFFF"
    readonly property color textOnPrimaryMuted: "#C9DEE6"

    readonly property color online: "#4CC38A"
    readonly property color offline: "#A9B4BE"
    readonly property color warning: "#9A5B00"
    readonly property color warningBackground: "#FFF3DC"
    readonly property color warningBorder: "#F2D29B"
    readonly property color error: "#B3261E"
    readonly property color errorBackground: "#FCEBEA"
    readonly property color success: "#1E7A4F"

    // Type scale in logical pixels.
    readonly property int fontCaption: 12
    readonly property int fontSmall: 13
    readonly property int fontBody: 15
    readonly property int fontBodyLarge: 16
    readonly property int fontTitle: 18
    readonly property int fontHeadline: 22
    readonly property int fontDisplay: 32

    readonly property int spacingXs: 4
    readonly property int spacingS: 8
    readonly property int spacingM: 12
    readonly property int spacingL: 16
    readonly property int spacingXl: 24
    readonly property int spacingXxl: 32

    readonly property int radius: 12
    readonly property int radiusSmall: 8
    // Minimum touch target (Material, WCAG 2.5.5).
    readonly property int touchTarget: 48
    readonly property int listRowHeight: 72
    // Readable line length on tablets.
    readonly property int maxContentWidth: 760
    // Width from which the app shows sites and details side by side.
    readonly property int wideBreakpoint: 840

    function carrierColor(carrier) {
        switch (carrier) {
        case 1: return "#C98A00";   // electricity
        case 2: return "#D0532B";   // natural gas
        case 3: return "#B23A48";   // district heat
        case 4: case 5: case 8: case 9: return "#6B5B95";   // oil, LPG, diesel, gasoline
        case 6: return "#4A4A4A";   // coal
        case 7: return "#5C8A2E";   // biomass
        case 10: case 11: return "#E09A00";   // PV, solar thermal
        case 12: return "#1F78B4";  // water
        default: return "#56626E";
        }
    }

    // An inspection's outcome (InspectionOutcome): pill colours.
    function outcomeColor(outcome) {
        switch (outcome) {
        case 1: return "#1E7A4F"   // verified
        case 2: return "#0B5C8A"   // partially verified
        case 3: return "#8E2A24"   // not verified
        case 4: return "#8A5300"   // follow-up needed
        default: return "#4A5560"  // draft, no outcome yet
        }
    }
    function outcomeBackground(outcome) {
        switch (outcome) {
        case 1: return "#E2F3EA"
        case 2: return "#E1EFF8"
        case 3: return "#FBE8E6"
        case 4: return "#FFF1D6"
        default: return "#ECEFF2"
        }
    }

    // A measure's status (ProgressStatus): text and pill colours.
    function statusColor(status) {
        switch (status) {
        case 2: return "#0B5C8A"   // ongoing
        case 3: return "#1E7A4F"   // completed
        case 4: return "#8A5300"   // postponed
        case 5: return "#8E2A24"   // cancelled
        default: return "#4A5560"  // not started
        }
    }
    function statusBackground(status) {
        switch (status) {
        case 2: return "#E1EFF8"
        case 3: return "#E2F3EA"
        case 4: return "#FFF1D6"
        case 5: return "#FBE8E6"
        default: return "#ECEFF2"
        }
    }
}
