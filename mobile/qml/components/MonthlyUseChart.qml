// A meter's monthly use over the last 12 months, each month's bar beside the
// same month a year before (lighter): the history chart of the meter page.
// Drawn on a Canvas, which the software renderer draws too.
import QtQuick
import SecapField

Canvas {
    id: root

    // AppController.meterHistory: {available, months: [{label, value?, lastYear?}], max}
    property var history: ({})
    property color barColor: Theme.primary
    property string unit

    implicitHeight: 170
    renderStrategy: Canvas.Immediate
    Accessible.role: Accessible.Chart

    onHistoryChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        const months = history.months || []
        if (months.length === 0 || !(history.max > 0))
            return
        ctx.font = "11px sans-serif"
        const top = 16, bottom = 20
        const h = height - top - bottom
        const slot = width / months.length
        const bar = Math.max(3, Math.min(12, slot * 0.32))
        const yOf = v => top + h - v / history.max * h
        ctx.strokeStyle = Theme.divider
        ctx.lineWidth = 1
        ctx.beginPath()
        ctx.moveTo(0, top + h + 0.5)
        ctx.lineTo(width, top + h + 0.5)
        ctx.stroke()
        ctx.textAlign = "center"
        ctx.textBaseline = "top"
        for (let i = 0; i < months.length; ++i) {
            const m = months[i]
            const x = slot * i + slot / 2
            if (m.lastYear !== undefined) {
                ctx.fillStyle = "#C9D1D8"
                ctx.fillRect(x - bar - 1, yOf(m.lastYear), bar, top + h - yOf(m.lastYear))
            }
            if (m.value !== undefined) {
                ctx.fillStyle = barColor
                ctx.fillRect(x + 1, yOf(m.value), bar, top + h - yOf(m.value))
            }
            ctx.fillStyle = Theme.textSecondary
            ctx.fillText(m.label, x, top + h + 5)
        }
        // The scale: the largest month, top left.
        ctx.textAlign = "left"
        ctx.fillText(App.formatNumber(Math.round(history.max)) + " " + unit, 0, 0)
    }
}
