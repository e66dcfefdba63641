"""The Dekon/TP page: allocations, monthly entry (RPD beside realisation), achievement with
the efficiency view, and quarter approval; one year chosen at the top for every tab."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QHBoxLayout, QLabel, QSpinBox, QTabWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.dekon import summary
from kemensos_desk.ui import common as ui_common

DEKON_KINDS = "dekon"


def is_dekon_change(kinds) -> bool:
    return "*" in kinds or any(k.startswith(DEKON_KINDS) for k in kinds)


def create_page(ctx):
    from kemensos_desk.ui.pages.dekon.allocation_view import AllocationView
    from kemensos_desk.ui.pages.dekon.approval_view import ApprovalView
    from kemensos_desk.ui.pages.dekon.dashboard_view import DashboardView
    from kemensos_desk.ui.pages.dekon.monthly_view import MonthlyView

    page, layout = ui_common.page_frame(tr("Dekonsentrasi dan Tugas Pembantuan"), tr(
        "Alokasi per RO, realisasi bulanan beserta RPD, capaian fisik dan keuangan, dan persetujuan triwulan."))
    bar = QHBoxLayout()
    year = QSpinBox()
    year.setObjectName("dekonYear")
    year.setRange(2018, 2100)
    year.setValue(_dt.date.today().year)
    bar.addWidget(QLabel(tr("Tahun anggaran")))
    bar.addWidget(year)
    bar.addStretch(1)
    layout.addLayout(bar)
    tabs = QTabWidget()
    tabs.setObjectName("dekonTabs")
    page.allocations = AllocationView(ctx, year)
    page.monthly = MonthlyView(ctx, year)
    page.dashboard = DashboardView(ctx, year)
    page.approval = ApprovalView(ctx, year)
    tabs.addTab(page.allocations, tr("Alokasi"))
    tabs.addTab(page.monthly, tr("Realisasi bulanan"))
    tabs.addTab(page.dashboard, tr("Capaian"))
    tabs.addTab(page.approval, tr("Persetujuan"))
    layout.addWidget(tabs, 1)
    page.tabs, page.year = tabs, year
    return page


def dashboard_card(ctx):
    """Beranda: the year's physical and financial % in total."""
    year = _dt.date.today().year
    doc = summary.realisasi(ctx.ws, year)
    if not doc["outputs"]:
        return None
    card = ui_common.Card(tr("Dekon/TP {year}", year=year), "dekon")
    t = doc["totals"]
    late = sum(1 for p in summary.monthly_plan(ctx.ws, year, max(1, _dt.date.today().month - 1)) if p["late"])
    card.body.addWidget(QLabel(tr("Realisasi anggaran {spent} dari {pagu} ({pct})", spent=formatting.rupiah(t["spent"]),
                                  pagu=formatting.rupiah(t["pagu"]), pct=formatting.persen(t["financial_pct"]))))
    card.body.addWidget(QLabel(tr("{n} RO, {late} terlambat dari RPD", n=len(doc["outputs"]), late=late)))
    return card
