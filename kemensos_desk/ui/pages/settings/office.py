"""Kantor: the office's details after setup (the region is fixed once set up)."""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import office as office_service
from kemensos_desk.ui import common
from kemensos_desk.ui.forms import FormView

EDITABLE = ("office_name", "address", "phone", "email", "head_name", "head_nip")


class OfficeTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        inner = QWidget()
        scroll.setWidget(inner)
        layout = QVBoxLayout(inner)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(12)
        self.region = QLabel()
        self.region.setObjectName("h2")
        layout.addWidget(self.region)
        layout.addWidget(common.muted(tr("Tingkat dan wilayah kantor ditetapkan saat penyiapan dan tidak dapat diubah.")))
        layout.addWidget(common.hline())
        self.view = FormView(load_form("office_setup"), EDITABLE)
        self.view.setMaximumWidth(760)
        layout.addWidget(self.view)
        row = QHBoxLayout()
        row.addStretch(1)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        row.addWidget(self.status)
        self.save_button = common.primary_button(tr("Simpan perubahan"))
        self.save_button.clicked.connect(self.save)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        layout.addStretch(1)
        can_edit = ctx.actor.can("settings.edit")
        self.view.setEnabled(can_edit)
        self.save_button.setVisible(can_edit)
        if not can_edit:
            layout.addWidget(common.muted(tr("Hanya administrator yang dapat mengubah data kantor.")))
        ctx.changed.connect(lambda kinds: ("*" in kinds or "office" in kinds) and self.load())
        self.load()

    def load(self) -> None:
        office = self.ctx.office()
        if office is None:
            return
        level = regions.LEVEL_LABELS.get(office.level, office.level)
        self.region.setText(f"{office.region_name} · {tr('tingkat')} {level} · {office.region_code}")
        details = office_service.details_of(office)
        self.view.set_values({name: getattr(details, name) for name in EDITABLE})
        self.view.clear_errors()

    def save(self) -> bool:
        self.status.setText("")
        if not self.view.validate():
            return False
        details = office_service.details_of(self.ctx.office())
        details = replace(details, **{k: (v or None) if k in ("phone", "email") else v
                                      for k, v in self.view.values().items()})
        try:
            office_service.update_office(self.ctx.ws, self.ctx.actor, details)
        except Refused as exc:
            rest = self.view.show_problems(exc.problems)
            if rest or not exc.problems:
                common.show_error(self, exc)
            return False
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.status.setText(tr("Tersimpan."))
        self.ctx.notify("office")
        return True
