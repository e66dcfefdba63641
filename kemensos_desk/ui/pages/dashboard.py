"""Beranda: what the office must do next (the modules' deadline cards) first, then quick links
and the office at a glance. Record counts and the schema version are in Tentang (ui/about.py)."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kemensos_desk.core import formatting, nip, regions
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import common, pages, theme
from kemensos_desk.ui.widgets.flow_layout import FlowLayout

# Names of record kinds as an office says them; a kind not listed shows its own name.
KIND_LABELS = {
    "users": "Pengguna", "audit_log": "Catatan log audit", "spm_beneficiaries": "Penerima layanan SPM",
    "spm_deliveries": "Layanan SPM diberikan", "spm_entitlements": "Hak layanan SPM",
    "spm_assessments": "Asesmen SPM", "spm_disaster_events": "Kejadian bencana",
    "spm_disaster_deliveries": "Layanan korban bencana", "spm_budgets": "Anggaran SPM",
    "spm_quarter_approvals": "Persetujuan triwulan SPM",
    "dekon_allocations": "Alokasi RO dekon/TP",
    "dekon_komponen": "Komponen RO",
    "dekon_pagu_revisions": "Revisi pagu",
    "dekon_rpd": "Rencana penarikan dana (RPD)",
    "dekon_indicators": "Indikator kinerja RO",
    "dekon_realisations": "Realisasi bulanan RO",
    "dekon_indicator_values": "Nilai indikator bulanan",
    "dekon_problems": "Permasalahan dekon/TP",
    "dekon_follow_ups": "Tindak lanjut",
    "dekon_participants": "Peserta kegiatan",
    "dekon_attachments": "Dokumentasi kegiatan",
    "dekon_quarter_approvals": "Persetujuan triwulan dekon/TP",
    "rakor_renstra": "Renstra Dinas",
    "rakor_drafts": "Rancangan bahan Rakor",
    "rakor_proposals": "Usulan kegiatan Rakor",
    "rakor_issues": "Permasalahan dan rekomendasi",
}
HIDDEN_KINDS = {"office"}
# From this page width on, the deadline cards sit two a row.
WIDE_BERANDA = 1000


def kind_label(kind: str) -> str:
    return tr(KIND_LABELS[kind]) if kind in KIND_LABELS else kind.replace("_", " ").capitalize()


def _pair(grid: QGridLayout, row: int, key: str, value: str) -> None:
    k = QLabel(key)
    k.setObjectName("statLabel")
    v = QLabel(value or "–")
    v.setWordWrap(True)
    v.setTextInteractionFlags(Qt.TextSelectableByMouse)
    grid.addWidget(k, row, 0, Qt.AlignTop)
    grid.addWidget(v, row, 1)


class DashboardPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        self.inner = QWidget()
        self.inner.setObjectName("page")
        scroll.setWidget(self.inner)
        self.layout_ = QVBoxLayout(self.inner)
        self.layout_.setContentsMargins(32, 26, 32, 24)
        self.layout_.setSpacing(16)
        self.module_cards: list[QWidget] = []
        ctx.changed.connect(lambda kinds: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self._generation = getattr(self, "_generation", 0) + 1
        while self.layout_.count():
            item = self.layout_.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
            elif item.layout():
                _clear(item.layout())
        office = self.ctx.office()
        greeting = tr("Selamat datang, {name}", name=self.ctx.actor.full_name)
        self.layout_.addWidget(common.heading(greeting))
        self.layout_.addWidget(common.muted(formatting.tanggal(_today())))
        # What the office must do next comes first (issue 16): the modules' deadline cards.
        self.layout_.addWidget(common.heading(tr("Yang perlu dikerjakan"), 2))
        self.module_cards: list[QWidget] = []
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(16)
        self.layout_.addLayout(self.cards_grid)
        self.layout_.addWidget(self._links_card())
        self.layout_.addWidget(self._office_card(office))
        about = common.button(tr("Tentang aplikasi dan isi basis data…"), "tentang")
        about.setObjectName("aboutButton")
        about.clicked.connect(self._about)
        row = QHBoxLayout()
        row.addWidget(about)
        row.addStretch(1)
        self.layout_.addLayout(row)
        self.layout_.addStretch(1)
        # The modules' cards (their modules load on first use) come once Beranda has painted.
        generation = self._generation
        common.after_first_paint(self.inner, lambda: self._add_module_cards(generation))

    def _about(self) -> None:
        window = getattr(self.ctx, "window", None)
        if window is not None:
            window.about()

    def _add_module_cards(self, generation: int) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        self.module_cards = pages.dashboard_cards(self.ctx)
        self._place_cards()

    def _columns(self) -> int:
        return 2 if self.width() >= WIDE_BERANDA else 1

    def _place_cards(self) -> None:
        columns = self._columns()
        for card in self.module_cards:
            self.cards_grid.removeWidget(card)
        for i, card in enumerate(self.module_cards):
            self.cards_grid.addWidget(card, i // columns, i % columns, Qt.AlignTop)
        self._placed_columns = columns

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        if self.module_cards and getattr(self, "_placed_columns", 0) != self._columns():
            self._place_cards()  # two cards a row on a wide window, one on a 1024-pixel laptop

    def _office_card(self, office) -> QWidget:
        card = common.Card(tr("Kantor"), "kantor")
        card.setObjectName("card")
        name = QLabel(office.name if office else "")
        name.setObjectName("h2")
        name.setWordWrap(True)
        card.body.addWidget(name)
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        grid.setColumnStretch(1, 1)
        if office:
            region = regions.get(office.region_code)
            province = regions.province_of(office.region_code)
            where = office.region_name
            if province and region and region.level != "provinsi":
                where += f", {tr('Provinsi')} {province.name}"
            _pair(grid, 0, tr("Wilayah"), f"{where} ({office.region_code})")
            _pair(grid, 1, tr("Alamat"), office.address)
            contact = " · ".join(x for x in (office.phone, office.email) if x)
            _pair(grid, 2, tr("Kontak"), contact)
            _pair(grid, 3, tr("Kepala Dinas"), office.head_name)
            _pair(grid, 4, tr("NIP"), nip.format_nip(office.head_nip))
        card.body.addLayout(grid)
        card.body.addStretch(1)
        self.office_card = card
        return card

    def _links_card(self) -> QWidget:
        card = common.Card(tr("Pintasan"))
        row = FlowLayout(spacing=10)
        self.links = {}
        for p in pages.PAGES:
            if p.key == "dashboard":
                continue
            b = common.button(tr(p.title), p.icon)
            b.setIcon(theme.icon(p.icon, theme.PRIMARY))
            b.setToolTip(tr(p.purpose))
            b.setMinimumHeight(38)
            b.clicked.connect(lambda _=False, key=p.key: self.ctx.navigate(key))
            self.links[p.key] = b
            row.addWidget(b)
        card.body.addLayout(row)
        return card


def _clear(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
        elif item.layout():
            _clear(item.layout())


def _today():
    import datetime as _dt

    return _dt.date.today()


def create_page(ctx) -> QWidget:
    return DashboardPage(ctx)
