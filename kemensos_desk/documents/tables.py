"""Report tables: header repeated on every page, zebra rows, numbers right-aligned in Indonesian format.

Columns are described once and the values formatted here, so every module prints
``1.234``, ``Rp13.393.506.000`` and ``106,51%`` the same way::

    cols = [Column("No.", 0.5, "center"), Column("Rincian Output", 4), Column("Target", 1, "int"),
            Column("Realisasi (Rp)", 1.6, "rupiah"), Column("Capaian", 1, "percent")]
    table = data_table(cols, rows, doc.width, groups=[("Keuangan", 3, 4)],
                       totals=[["Jumlah", None, 120, 13393506000, 98.5]], total_label_span=2)

Widths are relative shares of ``width`` (the frame width: it adapts to A4/F4,
portrait/landscape). A value that is already a ``str`` or a flowable is printed as is.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Sequence

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from kemensos_desk.core import formatting as fmt
from kemensos_desk.documents.blocks import esc
from kemensos_desk.documents.styles import GRID, HEAD_FILL, TOTAL_FILL, ZEBRA, styles

KINDS = ("text", "center", "int", "number", "rupiah", "percent", "date")
_RIGHT = ("int", "number", "rupiah", "percent")


@dataclass(frozen=True)
class Column:
    title: str
    width: float = 1.0          # relative share of the table width
    kind: str = "text"          # one of KINDS
    decimals: int | None = None  # number: 2, rupiah: 0, percent: 2 unless given
    fixed: bool = False         # keeps its share when other columns are widened to fit their words

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"jenis kolom tidak dikenal: {self.kind}")


def format_value(value, column: Column) -> str:
    """The printed text of one value in ``column`` (``None`` -> ``–`` for figures, empty for text)."""
    if isinstance(value, str):
        return value
    kind = column.kind
    if value is None:
        return fmt.KOSONG if kind in _RIGHT or kind == "date" else ""
    if kind == "int":
        return fmt.angka(value, column.decimals or 0)
    if kind == "number":
        return fmt.angka(value, 2 if column.decimals is None else column.decimals)
    if kind == "rupiah":
        return fmt.rupiah(value, column.decimals or 0)
    if kind == "percent":
        return fmt.persen(value, 2 if column.decimals is None else column.decimals)
    if kind == "date" and isinstance(value, (_dt.date, _dt.datetime)):
        return fmt.tanggal(value, "id")
    return str(value)


def _cell(value, column: Column, style_key: str | None = None, font_size: float = 8):
    if isinstance(value, Flowable):
        return value
    st = styles()
    key = style_key or ("cell_right" if column.kind in _RIGHT else
                        "cell_center" if column.kind in ("center", "date") else "cell")
    style = st[key]
    if font_size != style.fontSize:
        from reportlab.lib.styles import ParagraphStyle
        style = ParagraphStyle(f"{key}_{font_size}", parent=style, fontSize=font_size, leading=font_size * 1.25)
    return Paragraph(esc(format_value(value, column)).replace("\n", "<br/>"), style)


def column_widths(columns: Sequence[Column], width: float, minimums: Sequence[float] | None = None) -> list[float]:
    """Each column's share of ``width``; a column narrower than its minimum (its longest word, a
    figure that must stay on one line) is widened and the columns with room to spare give it up."""
    total = sum(c.width for c in columns)
    widths = [width * c.width / total for c in columns]
    if not minimums or sum(minimums) > width:
        return widths
    for _ in range(len(widths)):
        short = [i for i, w in enumerate(widths) if w < minimums[i] - 0.01]
        if not short:
            break
        need = sum(minimums[i] - widths[i] for i in short)
        for i in short:
            widths[i] = minimums[i]
        spare = {i: widths[i] - minimums[i] for i in range(len(widths))
                 if i not in short and widths[i] > minimums[i] and not columns[i].fixed}
        room = sum(spare.values())
        if room <= 0:
            break
        for i, extra in spare.items():
            widths[i] -= need * extra / room
    return widths


_PAD = 6.5  # left + right cell padding, and a hair for rounding


def _text_width(text: str, font: str, size: float, whole: bool) -> float:
    """The width a cell text needs: all of it for a figure (never wrapped), else its longest word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    lines = str(text).split("\n")
    parts = lines if whole else [w for line in lines for w in line.split()]
    return max((stringWidth(p, font, size) for p in parts), default=0.0)


def minimum_widths(columns: Sequence[Column], rows: Sequence[Sequence], totals: Sequence[Sequence] = (),
                   font_size: float = 8, total_label_span: int = 1) -> list[float]:
    """What each column needs so that no word is split ("Realisas/i") and no figure wraps ("73,63 / %")."""
    st = styles()
    head = st["cell_head"]
    body_font = st["cell"].fontName
    mins = []
    for c, col in enumerate(columns):
        figure = col.kind != "text"
        need = _text_width(col.title, head.fontName, head.fontSize, whole=False)
        for row in rows:
            v = row[c] if c < len(row) else None
            if v is None or isinstance(v, Flowable):
                continue
            need = max(need, _text_width(format_value(v, col), body_font, font_size, whole=figure))
        for row in totals:
            v = row[c] if c < len(row) else None
            if v is None or isinstance(v, Flowable) or c < total_label_span:
                continue
            need = max(need, _text_width(format_value(v, col), head.fontName, st["cell"].fontSize, whole=figure))
        mins.append(need + _PAD)
    return mins


def data_table(columns: Sequence[Column], rows: Sequence[Sequence], width: float, *,
               groups: Sequence[tuple[str, int, int]] = (), numbered: bool = False,
               totals: Sequence[Sequence] = (), total_label_span: int = 1,
               zebra: bool = True, font_size: float = 8) -> Table:
    """A table whose header rows repeat on every page.

    groups: ``(label, first, last)`` column indexes (0-based, inclusive) under a shared
    header, e.g. ``("Keuangan", 3, 5)``; other columns' titles span both header rows.
    numbered: add the ``(1) (2) (3) …`` row that Indonesian forms print under the header.
    totals: rows printed bold at the end; the first cell is a label spanning
    ``total_label_span`` columns.
    """
    n = len(columns)
    head_style = styles()["cell_head"]
    head: list[list] = []
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if groups:
        top, sub = [""] * n, [""] * n
        grouped = set()
        for label, first, last in groups:
            top[first] = Paragraph(esc(label), head_style)
            commands.append(("SPAN", (first, 0), (last, 0)))
            for c in range(first, last + 1):
                grouped.add(c)
                sub[c] = Paragraph(esc(columns[c].title), head_style)
        for c in range(n):
            if c not in grouped:
                top[c] = Paragraph(esc(columns[c].title), head_style)
                commands.append(("SPAN", (c, 0), (c, 1)))
        head = [top, sub]
    else:
        head = [[Paragraph(esc(c.title), head_style) for c in columns]]
    if numbered:
        num_style = styles()["cell_center"]
        head.append([Paragraph(f"({i})", num_style) for i in range(1, n + 1)])
    n_head = len(head)
    commands.append(("BACKGROUND", (0, 0), (-1, n_head - 1), HEAD_FILL))
    if numbered:
        commands.append(("BACKGROUND", (0, n_head - 1), (-1, n_head - 1), ZEBRA))

    body = [[_cell(v, col, font_size=font_size) for v, col in zip(row, columns)] for row in rows]
    if zebra:
        for i in range(1, len(body), 2):
            commands.append(("BACKGROUND", (0, n_head + i), (-1, n_head + i), ZEBRA))
    foot = []
    for row in totals:
        r = n_head + len(body) + len(foot)
        cells = []
        for c, (v, col) in enumerate(zip(row, columns)):
            if c == 0:
                cells.append(_cell(v, Column(col.title, kind="center" if total_label_span > 1 else col.kind),
                                   "cell_head", font_size))
            else:
                key = "cell_right" if col.kind in _RIGHT else "cell"
                cells.append(Paragraph(f"<b>{esc(format_value(v, col))}</b>" if v is not None else "",
                                       styles()[key]))
        foot.append(cells)
        commands += [("BACKGROUND", (0, r), (-1, r), TOTAL_FILL)]
        if total_label_span > 1:
            commands.append(("SPAN", (0, r), (total_label_span - 1, r)))
    minimums = minimum_widths(columns, rows, totals, font_size, total_label_span)
    table = Table(head + body + foot, colWidths=column_widths(columns, width, minimums), repeatRows=n_head)
    table.setStyle(TableStyle(commands))
    return table
