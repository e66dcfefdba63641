"""Editors of the five parts of the Rakor material. Each has ``load(doc, editable)`` and
``save(ctx, year)``; the page calls them and refreshes the checklist after a save."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QComboBox, QFormLayout, QHBoxLayout, QLabel, QPlainTextEdit, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting as fmt
from kemensos_desk.core import labels, rakor as rules
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.i18n import Message, tr, tr_in
from kemensos_desk.services.rakor import drafts
from kemensos_desk.ui import common
from kemensos_desk.ui.pages.rakor.tables import ChoiceDelegate, EditTable
from kemensos_desk.ui.table_columns import fit_columns


def _box(title: str, hint: str) -> tuple[QWidget, QVBoxLayout]:
    w = QWidget()
    layout = QVBoxLayout(w)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(common.heading(title, 2))
    layout.addWidget(common.muted(hint))
    return w, layout


def renstra_headers() -> list[str]:
    """The Renstra table's heads in the words of a strategic plan ("Sasaran" is an objective here)."""
    return [tr_in("renstra", "Tujuan"), tr_in("renstra", "Sasaran"), tr_in("renstra", "Indikator"),
            tr_in("renstra", "Satuan"), tr_in("renstra", "Kondisi awal"), tr_in("renstra", "Target lima tahun")]


class RenstraEditor(QWidget):

    def __init__(self, parent=None):
        super().__init__(parent)
        box, layout = _box(tr("Renstra Dinas"), tr("Diisi sekali untuk satu periode Renstra dan dipakai setiap tahun. "
                                                    "Baris dengan tujuan yang sama dikelompokkan."))
        form = QFormLayout()
        self.start, self.end = QSpinBox(), QSpinBox()
        for s in (self.start, self.end):
            s.setRange(2000, 2100)
        period = QHBoxLayout()
        period.addWidget(self.start)
        period.addWidget(QLabel("–"))
        period.addWidget(self.end)
        period.addStretch(1)
        form.addRow(tr("Periode"), period)
        self.vision = QPlainTextEdit()
        self.vision.setMaximumHeight(60)
        form.addRow(tr("Visi"), self.vision)
        self.missions = QPlainTextEdit()
        self.missions.setPlaceholderText(tr("Satu misi per baris"))
        self.missions.setMaximumHeight(96)
        form.addRow(tr("Misi"), self.missions)
        layout.addLayout(form)
        self.targets = EditTable(renstra_headers(), stretch=(0, 1, 2), key="renstra")
        layout.addWidget(self.targets, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def load(self, doc: dict, editable: bool) -> None:
        r = doc["renstra"]
        year = doc["year"]
        start = r["period_start"] if r else year - (year - 2025) % 5
        self.start.setValue(start)
        self.end.setValue(r["period_end"] if r else start + 4)
        self.vision.setPlainText(r["vision"] if r else "")
        self.missions.setPlainText("\n".join(r["missions"]) if r else "")
        self.targets.clear()
        for g in (r["goals"] if r else []):
            for t in g["targets"] or [{}]:
                self.targets.add_row([g["goal"], t.get("target"), t.get("indicator"), t.get("unit"), t.get("baseline"),
                                      t.get("target_5y")])
        for w in (self.start, self.end):
            w.setEnabled(editable)
        for w in (self.vision, self.missions):
            w.setReadOnly(not editable)
        self.targets.set_editable(editable)

    def goals(self) -> list[dict]:
        goals: list[dict] = []
        keys = ("target", "indicator", "unit", "baseline", "target_5y")
        for r in range(self.targets.table.rowCount()):
            goal = self.targets.text(r, 0) or (goals[-1]["goal"] if goals else "")
            if not goals or goals[-1]["goal"] != goal:
                goals.append({"goal": goal, "targets": []})
            goals[-1]["targets"].append({k: self.targets.text(r, c) for c, k in enumerate(keys, start=1)})
        return goals

    def save(self, ctx, year: int) -> None:
        drafts.save_renstra(ctx.ws, ctx.actor, self.start.value(), self.end.value(), self.vision.toPlainText(),
                            self.missions.toPlainText().splitlines(), self.goals())


class CapaianView(QWidget):
    """Figures filled in from the SPM or dekon/TP records (read-only) and the operator's narrative."""

    def __init__(self, kind: str, parent=None):
        super().__init__(parent)
        self.kind = kind  # "dekon" | "spm"
        title = tr("Capaian dekon/TP") if kind == "dekon" else tr("Capaian SPM")
        box, layout = _box(title, tr("Angka diambil otomatis dari catatan modul {m} tahun sebelumnya; "
                                     "tambahkan uraian naratif.", m="Dekon/TP" if kind == "dekon" else "SPM"))
        heads = (["RO", "Rincian output", "Target", "Realisasi", "Fisik", "Pagu", "Realisasi (Rp)", "Keuangan"]
                 if kind == "dekon" else ["Layanan", "Berhak", "Terlayani", "Penerima", "Mutu", "Indeks", "Kategori"])
        self.figures = QTableWidget(0, len(heads))
        self.figures.setHorizontalHeaderLabels([tr_in(kind, h) for h in heads])  # words of their module
        self.figures.setEditTriggers(QTableWidget.NoEditTriggers)
        self.figures.setWordWrap(True)
        # The names (RO and its output, the service) take the spare width; long text wraps.
        self.text_cols = (0, 1) if kind == "dekon" else (0, len(heads) - 1)
        layout.addWidget(self.figures, 1)
        layout.addWidget(QLabel(tr("Uraian naratif")))
        self.narrative = QPlainTextEdit()
        self.narrative.setMinimumHeight(110)
        self.narrative.setMaximumHeight(170)
        layout.addWidget(self.narrative)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt): rows fit the wrapped text at the real width
        super().resizeEvent(event)
        QTimer.singleShot(0, self.figures.resizeRowsToContents)

    def rows(self, doc: dict) -> list[list[str]]:
        if self.kind == "dekon":
            return [[o["ro"], o["name"], f"{fmt.angka(o['target_volume'])} {o['unit']}",
                     f"{fmt.angka(o['realised_volume'])} {o['unit']}", fmt.persen(o["physical_pct"]),
                     fmt.rupiah(o["pagu"]), fmt.rupiah(o["spent"]), fmt.persen(o["financial_pct"])]
                    for o in doc["dekon"]["outputs"]]
        return [[labels.service(s["code"]), fmt.angka(s["entitled"]), fmt.angka(s["served"]), fmt.persen(s["recipient_pct"]),
                 fmt.persen(s["quality_pct"]), fmt.angka(s["index"], 2), s["band"] or fmt.KOSONG] for s in doc["spm"]]

    def load(self, doc: dict, editable: bool) -> None:
        rows = self.rows(doc)
        self.figures.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                item = QTableWidgetItem(text)
                if c >= (2 if self.kind == "dekon" else 1) and c < len(row) - (0 if self.kind == "dekon" else 1):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.figures.setItem(r, c, item)
        fit_columns(self.figures, f"rakor/capaian-{self.kind}", names=self.text_cols, wrap=True)
        self.narrative.setPlainText(doc[f"{self.kind}_narrative"] or "")
        self.narrative.setReadOnly(not editable)

    def save(self, ctx, year: int) -> None:
        drafts.save_narratives(ctx.ws, ctx.actor, year, **{self.kind: self.narrative.toPlainText()})


class ProposalsEditor(QWidget):
    # column titles are the labels of forms/rakor_proposal.json (and its English)
    FIELDS = ["ro", "volume", "unit", "unit_cost", None, "location", "priority"]
    EXTRA = Qt.UserRole + 1  # description, justification and cited gap ride on the row's first cell

    def __init__(self, parent=None):
        super().__init__(parent)
        box, layout = _box(tr("Usulan program dan kegiatan"), tr(
            "Jumlah dihitung otomatis (volume × harga satuan, rupiah). Pilih layanan SPM di bawah untuk mengutip "
            "kesenjangan terukur; angkanya diambil langsung dari data SPM."))
        self._row = -1
        form = load_form("rakor_proposal")
        heads = [form.field(f).text() if f else tr("Jumlah (Rp)") for f in self.FIELDS]
        self.items = EditTable(heads, stretch=(0,), readonly=(4,), right=(1, 3, 4),
                               widths={1: 72, 2: 80, 3: 148, 4: 124, 5: 130, 6: 100}, key="usulan")
        self.items.edited.connect(self.recompute)
        self.priority_labels = {level: rules.priority_label(level) for level in rules.PRIORITIES}
        self.items.table.setItemDelegateForColumn(6, ChoiceDelegate(list(self.priority_labels.values()), self.items.table))
        self.items.table.currentCellChanged.connect(lambda r, *_: self._show_detail(r))
        layout.addWidget(self.items, 1)
        detail = QHBoxLayout()
        self.description, self.justification = QPlainTextEdit(), QPlainTextEdit()
        for label, edit, key in ((tr("Uraian"), self.description, "description"),
                                 (tr("Justifikasi"), self.justification, "justification")):
            column = QVBoxLayout()
            column.addWidget(QLabel(label))
            edit.setMaximumHeight(84)
            edit.textChanged.connect(lambda e=edit, k=key: self._set_extra(k, e.toPlainText()))
            column.addWidget(edit)
            detail.addLayout(column)
        layout.addLayout(detail)
        gap_row = QHBoxLayout()
        gap_row.addWidget(QLabel(tr("Kutip kesenjangan SPM")))
        self.gap = QComboBox()
        self.gap.setMinimumWidth(340)
        self.gap.currentIndexChanged.connect(lambda _i: self._set_extra("gap_service", self.gap.currentData()))
        gap_row.addWidget(self.gap)
        gap_row.addStretch(1)
        layout.addLayout(gap_row)
        self.total = QLabel("")
        self.total.setObjectName("h2")
        layout.addWidget(self.total)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def _extra(self, r: int) -> dict:
        item = self.items.table.item(r, 0)
        return dict(item.data(self.EXTRA) or {}) if item else {}

    def _set_extra(self, key: str, value) -> None:
        item = self.items.table.item(self._row, 0) if self._row >= 0 else None
        if item is not None:
            extra = self._extra(self._row)
            extra[key] = value
            item.setData(self.EXTRA, extra)

    def _show_detail(self, r: int) -> None:
        self._row = -1  # no write-back while the panel is filled
        extra = self._extra(r) if r >= 0 else {}
        self.gap.setCurrentIndex(max(0, self.gap.findData(extra.get("gap_service"))))
        self.gap.setEnabled(r >= 0 and self.property("editable") is not False)
        for edit, key in ((self.description, "description"), (self.justification, "justification")):
            edit.setPlainText(extra.get(key) or "")
            edit.setEnabled(r >= 0)
        self._row = r

    def load(self, doc: dict, editable: bool) -> None:
        self._row = -1
        self.setProperty("editable", editable)
        self.gap.blockSignals(True)
        self.gap.clear()
        self.gap.addItem(tr("— tidak ada —"), None)
        for s in doc["spm"]:
            self.gap.addItem(rules.gap_text(s), s["code"])
        self.gap.blockSignals(False)
        self.items.clear()
        for p in doc["proposals"]:
            r = self.items.add_row([p["ro"], fmt.angka(p["volume"]), p["unit"], fmt.angka(p["unit_cost"]), "",
                                    p["location"], self.priority_labels.get(p["priority"], p["priority"])],
                                   key=p.get("uuid"))
            self.items.table.item(r, 0).setData(self.EXTRA, {k: p.get(k) for k in (
                "description", "justification", "gap_service")})
        self.items.set_editable(editable)
        for edit in (self.description, self.justification):
            edit.setReadOnly(not editable)
        self.items.table.setCurrentCell(0 if doc["proposals"] else -1, 0)
        self._show_detail(0 if doc["proposals"] else -1)
        self.recompute()

    def _int(self, text: str, r: int, field: str) -> int:
        try:
            value = fmt.parse_angka(text) if text else 0
        except Exception:
            value = None
        if value is None or value != int(value) or value < 0:
            column = self.items.table.horizontalHeaderItem(self.FIELDS.index(field))
            raise Refused("Usulan belum dapat disimpan.", problems=[
                Problem(field, Message("Harus bilangan bulat tidak negatif."), r + 1, text,
                        label=column.text() if column else None)])
        return int(value)

    def _priority(self, text: str, r: int) -> int:
        """Tinggi/Sedang/Rendah as picked (or typed), 1/2/3 as typed; empty = Sedang."""
        for level, label in self.priority_labels.items():
            if text.strip().lower() in (label.lower(), rules.PRIORITIES[level].lower()):
                return level
        level = self._int(text or "2", r, "priority")
        if level not in self.priority_labels:
            raise Refused("Usulan belum dapat disimpan.", problems=[
                Problem("priority", Message("Pilih Tinggi, Sedang atau Rendah."), r + 1, text)])
        return level

    def proposals(self) -> list[dict]:
        out = []
        t = self.items
        for r in range(t.table.rowCount()):
            extra = self._extra(r)
            out.append({"uuid": t.key(r), "ro": t.text(r, 0), "description": extra.get("description") or "",
                        "volume": self._int(t.text(r, 1), r, "volume"), "unit": t.text(r, 2),
                        "unit_cost": self._int(t.text(r, 3), r, "unit_cost"), "location": t.text(r, 5),
                        "priority": self._priority(t.text(r, 6), r),
                        "justification": extra.get("justification") or "", "gap_service": extra.get("gap_service")})
        return out

    def recompute(self) -> None:
        t = self.items
        total = 0
        t.table.blockSignals(True)
        for r in range(t.table.rowCount()):
            try:
                amount = rules.proposal_total(self._int(t.text(r, 1), r, "volume"), self._int(t.text(r, 3), r, "unit_cost"))
                t.set_text(r, 4, fmt.angka(amount))
                total += amount
            except Refused:
                t.set_text(r, 4, fmt.KOSONG)
        t.table.blockSignals(False)
        self.total.setText(tr("Jumlah usulan: {total}", total=fmt.rupiah(total)))

    def save(self, ctx, year: int) -> None:
        drafts.save_proposals(ctx.ws, ctx.actor, year, self.proposals())


class IssuesEditor(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        box, layout = _box(tr("Permasalahan dan rekomendasi"),
                           tr("Satu baris untuk setiap permasalahan beserta rekomendasinya."))
        self.items = EditTable([tr("Permasalahan"), tr("Rekomendasi")], stretch=(0, 1), key="permasalahan")
        layout.addWidget(self.items, 1)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(box)

    def load(self, doc: dict, editable: bool) -> None:
        self.items.clear()
        for i in doc["issues"]:
            self.items.add_row([i["problem"], i["recommendation"]], key=i.get("uuid"))
        self.items.set_editable(editable)

    def save(self, ctx, year: int) -> None:
        t = self.items
        drafts.save_issues(ctx.ws, ctx.actor, year, [
            {"uuid": t.key(r), "problem": t.text(r, 0), "recommendation": t.text(r, 1)}
            for r in range(t.table.rowCount())])
