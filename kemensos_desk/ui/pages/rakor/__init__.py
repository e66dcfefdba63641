"""The Rakor page (issue 6) and its Beranda card (countdown and completeness)."""
from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import QLabel

from kemensos_desk.core.i18n import tr


def create_page(ctx):
    from kemensos_desk.ui.pages.rakor.page import RakorPage

    return RakorPage(ctx)


def dashboard_card(ctx):
    from kemensos_desk.services.rakor import material
    from kemensos_desk.ui import common
    from kemensos_desk.ui.pages.rakor.page import default_year

    year = default_year(_dt.date.today())
    card = common.Card(tr("Rakor {year}", year=year), "rakor")

    def fill(st) -> None:
        card.body.addWidget(QLabel(st["countdown"]))
        done = sum(p["complete"] for p in st["parts"])
        card.body.addWidget(QLabel(tr("Disetujui") if st["status"] == "approved"
                                   else tr("{done} dari {n} bagian lengkap", done=done, n=len(st["parts"]))))

    # The status draws on the SPM achievement of the whole register: off the GUI thread.
    common.fill_later(card, lambda: material.status(ctx.ws, year), fill)
    return card
