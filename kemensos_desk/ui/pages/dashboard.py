"""Beranda: the office at a glance, record counts, quick links, and the modules' own cards."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget

from kemensos_desk.core import formatting, nip, regions
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import maintenance
from kemensos_desk.ui import common, pages, theme

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
        top = QHBoxLayout()
        top.setSpacing(16)
        top.addWidget(self._office_card(office), 3)
        top.addWidget(self._counts_card(), 2)
        self.layout_.addLayout(top)
        self.layout_.addWidget(self._links_card())
        self.cards_grid = QGridLayout()
        self.cards_grid.setSpacing(16)
        self.layout_.addLayout(self.cards_grid)
        self.layout_.addStretch(1)
        # The modules' cards (their modules load on first use) come once Beranda has painted.
        generation = self._generation
        common.after_first_paint(self.inner, lambda: self._add_module_cards(generation))

    def _add_module_cards(self, generation: int) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        for i, card in enumerate(pages.dashboard_cards(self.ctx)):
            self.cards_grid.addWidget(card, i // 2, i % 2)

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

    def _counts_card(self) -> QWidget:
        card = common.Card(tr("Isi basis data"), "cadangan")
        self.counts = None
        # Counting every kind of record reads large tables: off the GUI thread.
        common.fill_later(card, lambda: maintenance.info(self.ctx.ws), lambda info: self._fill_counts(card, info))
        return card

    def _fill_counts(self, card, info: dict) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        shown = [(k, v) for k, v in info["counts"].items() if k not in HIDDEN_KINDS]
        shown.sort(key=lambda kv: (kv[0] == "audit_log", -kv[1], kv[0]))
        for i, (kind, n) in enumerate(shown[:8]):
            number = QLabel(formatting.angka(n))
            number.setObjectName("bigNumber")
            label = QLabel(kind_label(kind))
            label.setObjectName("statLabel")
            label.setWordWrap(True)
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(number)
            box.addWidget(label)
            grid.addLayout(box, i // 2, i % 2)
        card.body.addLayout(grid)
        card.body.addStretch(1)
        card.body.addWidget(common.muted(tr("Versi skema {v}", v=info["schema_version"])))
        self.counts = info["counts"]

    def _links_card(self) -> QWidget:
        card = common.Card(tr("Pintasan"))
        row = QHBoxLayout()
        row.setSpacing(10)
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
        row.addStretch(1)
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
