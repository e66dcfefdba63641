"""Rekap nasional: IKK 3.1 (regions whose SPM score improved) with the regions behind it,
SPM achievement per region, province and service, and dekon/TP realisation per RO and
province; exported with report_xlsx."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QTabWidget, QWidget

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.ministry import recaps
from kemensos_desk.ui import common
from kemensos_desk.ui.ministry import widgets
from kemensos_desk.ui.widgets.flow_layout import FlowLayout

SHORT_NAMES = {"anak": "Anak", "bencana": "Bencana", "disabilitas": "Disabilitas", "gepeng": "Gepeng",
               "lansia": "Lansia"}  # column heads; the full names are their tooltips
SERVICE_NAMES = {"anak": "Anak terlantar", "bencana": "Korban bencana", "disabilitas": "Penyandang disabilitas",
                 "gepeng": "Gelandangan dan pengemis", "lansia": "Lanjut usia"}


def _pct(value) -> str:
    return formatting.persen(value) if value is not None else "–"


def province_means(spm: dict) -> list[dict]:
    """Mean index per province and service over its regions (a recap, not a new rule)."""
    out: dict[str, dict] = {}
    for r in spm["regions"]:
        p = out.setdefault(r["province"], {"province": r["province"], "regions": 0, "scores": [], "services": {}})
        p["regions"] += 1
        if r["score"] is not None:
            p["scores"].append(Decimal(str(r["score"])))
        for service, v in r["services"].items():
            if (v.get("entitled") or 0) > 0 and v.get("index") is not None:
                p["services"].setdefault(service, []).append(Decimal(str(v["index"])))
    mean = lambda xs: formatting.round_half_up(sum(xs) / len(xs), 2) if xs else None  # noqa: E731
    return [{"province": p["province"], "regions": p["regions"], "score": mean(p["scores"]),
             "services": {s: mean(v) for s, v in p["services"].items()}} for p in sorted(out.values(),
                                                                                       key=lambda p: p["province"])]


class RecapPage(QWidget):
    def __init__(self, store, parent=None):
        super().__init__(parent)
        self.store = store
        self.indicator: dict | None = None
        self.spm: dict | None = None
        self.dekon: list[dict] = []
        layout = widgets.page_layout(self, tr("Rekap nasional"), tr(
            "Capaian SPM Bidang Sosial per daerah, provinsi dan jenis layanan, dari indeks akhir tahun yang dikirim "
            "kantor daerah, dan indikator kementerian IKK 3.1."))
        self.year = widgets.year_picker()
        self.year.valueChanged.connect(self.refresh)
        self.export_button = common.button(tr("Ekspor .xlsx…"), "cetak")
        self.export_button.clicked.connect(self.choose_export)
        layout.addLayout(widgets.toolbar(self.year, self.export_button, label=tr("Tahun")))
        card = common.Card(tr("IKK 3.1 — persentase daerah yang meningkat kemampuannya dalam penerapan SPM "
                              "Bidang Sosial"), "spm")
        figures = FlowLayout(spacing=4)  # the five figures wrap on a narrow window
        self.figures = {}
        for key, caption in (("spm_improved_pct", tr("persentase daerah meningkat")),
                             ("regions_improved", tr("daerah meningkat")), ("regions_assessed", tr("daerah dinilai")),
                             ("target", tr("target")), ("achievement_pct", tr("capaian"))):
            box = widgets.stat("–", caption)
            self.figures[key] = box.figure
            figures.addWidget(box)
        card.body.addLayout(figures)
        self.note = common.muted("")
        card.body.addWidget(self.note)
        layout.addWidget(card)
        self.tabs = QTabWidget()
        self.ikk_table = widgets.table([tr("Kode"), tr("Daerah"), tr("Skor tahun lalu"), tr("Skor"), tr("Meningkat")],
                                       stretch=1)
        self.region_table = widgets.table([tr("Kode")])
        self.province_table = widgets.table([tr("Provinsi")])
        self.tabs.addTab(self.ikk_table, tr("Daerah IKK 3.1"))
        self.tabs.addTab(self.region_table, tr("SPM per daerah"))
        self.tabs.addTab(self.province_table, tr("SPM per provinsi"))
        self.dekon_table = widgets.table([tr("Kode RO"), tr("Rincian output"), tr("Provinsi"), tr("Sumber"),
                                          tr("Kantor"), tr("Target volume"), tr("Realisasi volume"), tr("Fisik"),
                                          tr("Pagu"), tr("Realisasi (Rp)"), tr("Keuangan")], stretch=1)
        self.tabs.addTab(self.dekon_table, tr("Dekon/TP per RO dan provinsi"))
        layout.addWidget(self.tabs, 1)

    def refresh(self) -> None:
        year = self.year.value()
        self.indicator = ind = recaps.ikk_indicator(self.store, year)
        self.spm = recaps.spm_by_region(self.store, year)
        self.figures["spm_improved_pct"].setText(_pct(ind["spm_improved_pct"]))
        self.figures["regions_improved"].setText(formatting.angka(ind["regions_improved"]))
        self.figures["regions_assessed"].setText(formatting.angka(ind["regions_assessed"]))
        self.figures["target"].setText(_pct(ind["target"]))
        self.figures["achievement_pct"].setText(_pct(ind["achievement_pct"]))
        self.note.setText(tr(
            "Skor daerah = rata-rata indeks akhir tahun layanan yang ada penerimanya; meningkat bila skor {y} lebih "
            "tinggi dari skor {p}. Daerah dinilai: yang punya kedua skor.", y=year, p=year - 1) if ind["regions"]
            else tr("Belum ada daerah dengan skor tahun {y} dan {p}.", y=year, p=year - 1))
        widgets.fill(self.ikk_table, [[
            widgets.cell(r["code"]), widgets.cell(r["name"]),
            widgets.cell(formatting.angka(r["previous_score"], 2), align_right=True),
            widgets.cell(formatting.angka(r["score"], 2), align_right=True),
            widgets.cell(tr("Ya") if r["improved"] else tr("Tidak"),
                         colour=widgets.STATUS_COLOURS["received" if r["improved"] else "missing"])]
            for r in ind["regions"]])
        services = self.spm["services"]
        names = [tr(SHORT_NAMES.get(s, s)) for s in services]
        self._columns(self.region_table, [tr("Kode"), tr("Daerah"), tr("Provinsi")] + names + [tr("Skor")], 1)
        widgets.fill(self.region_table, [
            [widgets.cell(r["code"]), widgets.cell(r["name"]), widgets.cell(r["province"])]
            + [widgets.cell(self._index(r["services"].get(s)), align_right=True) for s in services]
            + [widgets.cell(formatting.angka(r["score"], 2) if r["score"] is not None else "–", align_right=True,
                            bold=True)] for r in self.spm["regions"]])
        self._columns(self.province_table, [tr("Provinsi"), tr("Daerah")] + names + [tr("Skor rata-rata")], 0)
        widgets.fill(self.province_table, [
            [widgets.cell(p["province"]), widgets.cell(p["regions"], align_right=True)]
            + [widgets.cell(formatting.angka(p["services"][s], 2) if p["services"].get(s) is not None else "–",
                            align_right=True) for s in services]
            + [widgets.cell(formatting.angka(p["score"], 2) if p["score"] is not None else "–", align_right=True,
                            bold=True)] for p in province_means(self.spm)])

        self.dekon = recaps.dekon_by_ro_and_province(self.store, year)
        widgets.fill(self.dekon_table, [self._dekon_row(r) for r in self.dekon])

    @staticmethod
    def _dekon_row(r: dict) -> list:
        volume = lambda v: f"{formatting.angka(v)} {r['unit']}" if v is not None else "–"  # noqa: E731
        return [widgets.cell(r["ro"]), widgets.cell(r["name"]), widgets.cell(r["province"]), widgets.cell(r["source"]),
                widgets.cell(r["offices"], align_right=True),
                widgets.cell(volume(r["target_volume"]), align_right=True),
                widgets.cell(volume(r["realised_volume"]), align_right=True),
                widgets.cell(_pct(r["physical_pct"]), align_right=True),
                widgets.cell(formatting.rupiah(r["pagu"]), align_right=True),
                widgets.cell(formatting.rupiah(r["spent"]), align_right=True),
                widgets.cell(_pct(r["financial_pct"]), align_right=True, bold=True)]

    @staticmethod
    def _index(v: dict | None) -> str:
        if not v or v.get("index") is None or not (v.get("entitled") or 0):
            return "–"
        return formatting.angka(v["index"], 2)

    @staticmethod
    def _columns(t, headers: list[str], stretch: int) -> None:
        t.setColumnCount(len(headers))
        t.setHorizontalHeaderLabels(headers)
        t.fit_names = (stretch,)  # the name column gets the room (fit_columns, in widgets.fill)
        for col in range(len(headers)):
            item = t.horizontalHeaderItem(col)
            full = {tr(SHORT_NAMES[k]): tr(v) for k, v in SERVICE_NAMES.items()}.get(headers[col])
            if item is not None and full:
                item.setToolTip(full)

    def choose_export(self) -> None:
        path = widgets.choose_save_path(self, tr("Simpan rekap nasional"), f"rekap-nasional-{self.year.value()}.xlsx",
                                        tr("Buku kerja Excel (*.xlsx)"))
        if path:
            self.export_xlsx(path)

    def export_xlsx(self, path, quiet: bool = False):
        try:
            written = widgets.write_year_report(self.store, self.year.value(), path)
        except Exception as exc:  # noqa: BLE001 (shown in words, logged)
            common.show_error(self, exc)
            return None
        if not quiet:
            common.inform(self, tr("Laporan ditulis ke {path}.", path=str(written)))
        return written
