"""Bar charts as flowables (reportlab.graphics), labelled the Indonesian way.

    chart = bar_chart(["RO 001 Bimtek", "RO 002 Bantuan"], [106.51, 72.3], doc.width,
                      reference=100, reference_label="Target 100%")
    grouped = bar_chart(ro_names, {"Fisik": [95.0, 80.2], "Keuangan": [88.1, 64.0]}, doc.width,
                        horizontal=False, reference=100)
    doc.add(chart)            # or doc.chart(categories, values, caption=..., **options)

``values`` is one number per category, or a dict ``{series label: values}`` for grouped
bars with a legend. Horizontal bars (the default) suit long labels such as SPM service
names; labels are wrapped to fit. Each bar carries its value (``106,51%`` by default;
pass ``value_format``, e.g. ``formatting.angka``). With one series, bars under the
reference line are drawn in a warm colour so shortfalls stand out. ``None`` values are
drawn as an empty bar labelled ``–``.
"""
from __future__ import annotations

import math
import textwrap
from typing import Callable, Mapping, Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from kemensos_desk.core import formatting as fmt
from kemensos_desk.documents import fonts
from kemensos_desk.documents.styles import BAR, BAR_LOW, DEMO_RED, GRID, INK, SERIES


def _nice_step(value: float) -> float:
    """Round a tick step up to 1, 2, 2.5 or 5 × 10^n."""
    if value <= 0:
        return 1.0
    exp = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exp:
            return step * exp
    return 10 * exp


def _axis(top: float, ticks: int = 5) -> tuple[float, float]:
    """(axis end, tick step) with room above the highest bar for its label."""
    step = _nice_step(top * 1.1 / ticks)
    return math.ceil(top * 1.1 / step) * step, step


def bar_chart(categories: Sequence[str], values: Sequence[float | None] | Mapping[str, Sequence], width: float,
              *, horizontal: bool = True, value_format: Callable[[float], str] | None = None,
              reference: float | None = None, reference_label: str | None = None,
              max_value: float | None = None, height: float | None = None,
              label_chars: int | None = None, font_size: float = 7.5) -> Drawing:
    fonts.register()
    value_format = value_format or (lambda v: fmt.persen(v))
    if isinstance(values, Mapping):
        names, series = list(values.keys()), [list(v) for v in values.values()]
    else:
        names, series = [], [list(values)]
    k, n = len(series), max(len(categories), 1)
    nums = [[float(v) if v is not None else 0.0 for v in s] for s in series]
    top = max([v for s in nums for v in s] + [float(reference or 0), 0.0001])
    if max_value:
        vmax = float(max_value)
        vstep = vmax / 5 if (vmax / _nice_step(vmax / 5)) % 1 else _nice_step(vmax / 5)
    else:
        vmax, vstep = _axis(top)
    legend_h = 14 if names else 0
    if horizontal:
        # labels may take about a third of the width (wider on landscape pages)
        per_line = label_chars or max(20, int(width * 0.34 / (font_size * 0.55)))
        labels = ["\n".join(textwrap.wrap(str(c), per_line)) or " " for c in categories]
        lines_max = max((lab.count("\n") + 1 for lab in labels), default=1)
        row_h = max(15.0, lines_max * font_size * 1.2 + 4, k * 11.0 + 6)
        label_w = max((stringWidth(line, fonts.REGULAR, font_size) for lab in labels for line in lab.split("\n")),
                      default=40) + 8
        height = height or n * row_h + 40 + legend_h
        chart = HorizontalBarChart()
        chart.x, chart.y = label_w, 26
        chart.width, chart.height = width - label_w - 42, height - 40 - legend_h
        # HorizontalBarChart draws the first category (and series) at the bottom: reverse to read top-down
        data = [list(reversed(s)) for s in reversed(nums)]
        raw = [list(reversed(s)) for s in reversed(series)]
        cats = list(reversed(labels))
    else:
        chart = VerticalBarChart()
        # room on the right for the reference line's label
        chart.x, chart.width = 40, width - (100 if reference is not None else 50)
        per_line = max(8, int(chart.width / n / (font_size * 0.6)))
        labels = ["\n".join(textwrap.wrap(str(c), per_line)) or " " for c in categories]
        lines_max = max((lab.count("\n") + 1 for lab in labels), default=1)
        height = height or 170 + lines_max * font_size * 1.2 + legend_h
        chart.y = 14 + lines_max * font_size * 1.2
        chart.height = height - chart.y - 16 - legend_h
        data, raw, cats = nums, series, labels
    drawing = Drawing(width, height)
    chart.data = data
    chart.categoryAxis.categoryNames = cats
    ca, va = chart.categoryAxis, chart.valueAxis
    ca.labels.fontName, ca.labels.fontSize, ca.labels.fillColor = fonts.REGULAR, font_size, INK
    ca.labels.leading = font_size * 1.2
    va.labels.fontName, va.labels.fontSize, va.labels.fillColor = fonts.REGULAR, font_size - 0.5, INK
    va.valueMin, va.valueMax, va.valueStep = 0, vmax, vstep
    va.labelTextFormat = lambda v: fmt.angka(v, 0 if float(v).is_integer() else 1)
    va.visibleGrid, va.gridStrokeColor, va.gridStrokeWidth = 1, GRID, 0.25
    va.strokeColor = ca.strokeColor = GRID
    if horizontal:
        ca.labels.boxAnchor, ca.labels.textAnchor, ca.labels.dx = "e", "end", -4
    else:
        ca.labels.boxAnchor, ca.labels.textAnchor, ca.labels.dy = "n", "middle", -4
    chart.barWidth, chart.barSpacing = 10, 1
    slot = (chart.height if horizontal else chart.width) / n
    bar = min(0.62 * slot / k, 56.0 if not horizontal else 12.0 * (slot / (k * 10 + 6)) if k > 1 else 99)
    chart.groupSpacing = max(2.0, (slot - k * bar) / bar * chart.barWidth) if not horizontal or k > 1 else 6
    chart.bars.strokeColor = None
    order = list(reversed(range(k))) if horizontal else list(range(k))
    for row, s in enumerate(order):  # row = drawing order, s = caller's series
        chart.bars[row].fillColor = SERIES[s % len(SERIES)] if k > 1 else BAR
    if k == 1 and reference is not None:
        for i, v in enumerate(raw[0]):
            if v is not None and float(v) < reference:
                chart.bars[(0, i)].fillColor = BAR_LOW
    chart.barLabelFormat = lambda v: ""  # our own labels below know about None
    drawing.add(chart)
    _value_labels(drawing, chart, raw, vmax, horizontal, value_format, font_size)
    if reference is not None:
        _reference_line(drawing, chart, reference, vmax, horizontal, reference_label, font_size)
    if names:
        _legend(drawing, names, width, height, font_size)
    return drawing


def _bar_centres(chart, n: int, k: int) -> list[list[float]]:
    """Centre of each bar along the category axis: [series][category], in drawing order."""
    horizontal = isinstance(chart, HorizontalBarChart)
    length = chart.height if horizontal else chart.width
    start = chart.y if horizontal else chart.x
    units = chart.groupSpacing + k * chart.barWidth + (k - 1) * chart.barSpacing
    scale = length / max(n, 1) / units
    out = []
    for row in range(k):
        offset = chart.groupSpacing / 2 + row * (chart.barWidth + chart.barSpacing) + chart.barWidth / 2
        out.append([start + (i * units + offset) * scale for i in range(n)])
    return out


def _value_labels(drawing, chart, raw, vmax, horizontal, value_format, font_size):
    k, n = len(raw), len(raw[0]) if raw else 0
    size = font_size - 0.5 if k == 1 else font_size - 1.5
    for centres, values in zip(_bar_centres(chart, n, k), raw):
        for centre, v in zip(centres, values):
            text = fmt.KOSONG if v is None else value_format(v)
            frac = 0 if v is None else max(0.0, min(float(v), vmax)) / vmax
            if horizontal:
                drawing.add(String(chart.x + chart.width * frac + 3, centre - size / 3, text, fontName=fonts.BOLD,
                                   fontSize=size, fillColor=INK))
            else:
                drawing.add(String(centre, chart.y + chart.height * frac + 3, text, fontName=fonts.BOLD,
                                   fontSize=size, fillColor=INK, textAnchor="middle"))


def _reference_line(drawing, chart, reference, vmax, horizontal, label, font_size):
    frac = min(float(reference), vmax) / vmax
    dash = dict(strokeColor=DEMO_RED, strokeWidth=1, strokeDashArray=[4, 2])
    if horizontal:
        x = chart.x + chart.width * frac
        drawing.add(Line(x, chart.y, x, chart.y + chart.height + 6, **dash))
        if label:
            drawing.add(String(x, chart.y + chart.height + 9, label, fontName=fonts.REGULAR,
                               fontSize=font_size - 0.5, fillColor=DEMO_RED, textAnchor="middle"))
    else:
        y = chart.y + chart.height * frac
        drawing.add(Line(chart.x, y, chart.x + chart.width, y, **dash))
        if label:
            drawing.add(String(chart.x + chart.width + 4, y - font_size / 3, label, fontName=fonts.REGULAR,
                               fontSize=font_size - 0.5, fillColor=DEMO_RED, textAnchor="start"))


def _legend(drawing, names, width, height, font_size):
    x, y = 0.0, height - 10
    for s, name in enumerate(names):
        drawing.add(Rect(x, y, 8, 8, fillColor=SERIES[s % len(SERIES)], strokeColor=None))
        drawing.add(String(x + 11, y + 1, name, fontName=fonts.REGULAR, fontSize=font_size, fillColor=INK))
        x += 11 + stringWidth(name, fonts.REGULAR, font_size) + 14
