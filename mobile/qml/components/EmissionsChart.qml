// Emissions against the baseline: a bar for the BEI and each MEI (t CO2),
// the linear path from the BEI to the target year as a dashed line, and the
// target as a point. Drawn on a Canvas (the software renderer draws it too).
import QtQuick
import SecapField

Canvas {
    id: root

    // [{year, tCo2}], oldest first: the BEI, then the MEIs.
    property var inventories: []
    // [{year, tCo2}]: the linear path, one point a year.
    property var path: []
    property int baselineYear: 0
    property int targetYear: 0
    property real targetTCo2: 0

    implicitHeight: 220
    Accessible.role: Accessible.Chart
    renderStrategy: Canvas.Immediate

    onInventoriesChanged: requestPaint()
    onPathChanged: requestPaint()
    onWidthChanged: requestPaint()
    onHeightChanged: requestPaint()

    onPaint: {
        const ctx = getContext("2d")
        ctx.reset()
        if (inventories.length === 0 || targetYear <= baselineYear)
            return
        let maxT = targetTCo2
        for (const i of inventories) maxT = Math.max(maxT, i.tCo2)
        for (const p of path) maxT = Math.max(maxT, p.tCo2)
        // A round top for the axis.
        const magnitude = Math.pow(10, Math.floor(Math.log10(Math.max(1, maxT))))
        const top_ = Math.ceil(maxT * 1.05 / magnitude) * magnitude
        ctx.font = "12px sans-serif"
        // Room on the left for the widest axis label.
        const left = Math.ceil(ctx.measureText(App.formatNumber(top_)).width) + 12
        const right = 12, top = 12, bottom = 28
        const w = width - left - right, h = height - top - bottom
        const first = baselineYear, last = targetYear
        const xOf = year => left + (year - first + 0.5) / (last - first + 1) * w
        const yOf = t => top + h - t / top_ * h
        const barWidth = Math.max(6, Math.min(28, w / (last - first + 1) * 0.7))

        // Grid and axis labels.
        ctx.fillStyle = Theme.textSecondary
        ctx.strokeStyle = Theme.divider
        ctx.lineWidth = 1
        ctx.textAlign = "right"
        ctx.textBaseline = "middle"
        for (let k = 0; k <= 4; ++k) {
            const t = top_ * k / 4
            const y = yOf(t)
            ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(left + w, y); ctx.stroke()
            ctx.fillText(App.formatNumber(Math.round(t)), left - 6, y)
        }
        ctx.textAlign = "center"
        ctx.textBaseline = "top"
        // Years as many as fit, the target year always; none closer to
        // the next than a label's width.
        const labelWidth = ctx.measureText("2030").width + 10
        const step = Math.max(1, Math.ceil(labelWidth / (w / (last - first + 1))))
        for (let year = first; year <= last; year += step) {
            if (year !== last && xOf(last) - xOf(year) < labelWidth)
                continue
            ctx.fillText(String(year), xOf(year), top + h + 8)
        }
        if ((last - first) % step !== 0)
            ctx.fillText(String(last), xOf(last), top + h + 8)

        // Bars: the BEI in grey, the MEIs in the brand colour.
        for (let n = 0; n < inventories.length; ++n) {
            const inv = inventories[n]
            ctx.fillStyle = n === 0 ? "#9AA5AF" : Theme.primary
            const y = yOf(inv.tCo2)
            ctx.fillRect(xOf(inv.year) - barWidth / 2, y, barWidth, top + h - y)
        }

        // The linear path, dashed, and the target.
        if (path.length > 1) {
            ctx.strokeStyle = Theme.accent
            ctx.lineWidth = 2
            ctx.setLineDash([6, 4])
            ctx.beginPath()
            ctx.moveTo(xOf(path[0].year), yOf(path[0].tCo2))
            for (let i = 1; i < path.length; ++i)
                ctx.lineTo(xOf(path[i].year), yOf(path[i].tCo2))
            ctx.stroke()
            ctx.setLineDash([])
        }
        ctx.fillStyle = Theme.accent
        ctx.beginPath()
        ctx.arc(xOf(last), yOf(targetTCo2), 5, 0, 2 * Math.PI)
        ctx.fill()
    }
}
