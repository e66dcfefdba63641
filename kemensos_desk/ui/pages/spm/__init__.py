"""The SPM page: register (penerima), achievement (capaian) with a chart per service."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QLabel, QTabWidget

from kemensos_desk.core import formatting, labels
from kemensos_desk.core.i18n import tr
from kemensos_desk.services.spm import achievement
from kemensos_desk.ui import common as ui_common


def create_page(ctx):
    from kemensos_desk.ui.pages.spm.achievement_view import AchievementView
    from kemensos_desk.ui.pages.spm.disaster_budget_view import DisasterBudgetView
    from kemensos_desk.ui.pages.spm.plan_view import PlanView
    from kemensos_desk.ui.pages.spm.register_view import RegisterView

    page, layout = ui_common.page_frame(tr("SPM Bidang Sosial"), tr(
        "Pendataan penerima, asesmen, layanan yang diberikan, dan capaian per triwulan (kumulatif) dan tahun."))
    tabs = QTabWidget()
    tabs.setObjectName("spmTabs")
    tabs.addTab(RegisterView(ctx), tr("Penerima"))
    tabs.addTab(AchievementView(ctx), tr("Capaian"))
    tabs.addTab(DisasterBudgetView(ctx), tr("Bencana dan anggaran"))
    tabs.addTab(PlanView(ctx), tr("Tahapan dan rencana aksi"))
    layout.addWidget(tabs, 1)
    page.tabs = tabs
    return page


def dashboard_card(ctx):
    """Beranda: the year's index per service, in one line each."""
    year = _dt.date.today().year
    card = ui_common.Card(tr("Capaian SPM {year}", year=year), "spm")

    def fill(doc) -> None:
        for s in doc["services"]:
            card.body.addWidget(QLabel(f"{labels.service(s['code'])}: {formatting.persen(s['recipient_pct'])} "
                                       f"{tr('penerima')}, {tr('indeks')} {formatting.angka(s['index'], 2)} "
                                       f"({s['band'] or formatting.KOSONG})"))

    # An aggregate over the whole register: computed off the GUI thread, so Beranda opens at once.
    ui_common.fill_later(card, lambda: achievement.achievement(ctx.ws, year), fill)
    return card
