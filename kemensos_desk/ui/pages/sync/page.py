"""The Sinkronisasi page: "Buat paket", the bundles made (confirmed or not), "Impor tanda terima"."""
from __future__ import annotations

import datetime as _dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core import formatting
from kemensos_desk.core.i18n import tr
from kemensos_desk.core.enrolment import fingerprint
from kemensos_desk.services.sync import crypto, enrolment, export, keys, receipts
from kemensos_desk.ui import common, theme
from kemensos_desk.ui.table_columns import fit_columns


def kind_label(kind: str) -> str:
    from kemensos_desk.ui.pages.dashboard import kind_label as label  # the names Beranda uses

    return tr("Data kantor") if kind == "office" else label(kind)

COLUMNS = ("No. urut", "Dibuat", "Oleh", "Isi", "Ukuran", "Berkas", "Status")


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{formatting.angka(n / (1024 * 1024), 1)} MB"
    return f"{formatting.angka(max(1, round(n / 1024)))} KB"


MAX_KINDS_SHOWN = 6


def pending_text(pending: int, bundles: list[dict]) -> str:
    """The state of the office's data toward the ministry, in the user's words."""
    if not pending:
        return tr("Semua rekaman sudah dikonfirmasi kementerian.")
    waiting = [b for b in bundles if not b["confirmed_at"]]
    if not waiting:
        return tr("{n} rekaman belum dikirim ke kementerian. Tekan \u201cBuat paket\u201d untuk mengirimnya.",
                  n=formatting.angka(pending))
    last = waiting[0]  # newest first
    return tr("{n} rekaman belum dikonfirmasi kementerian. Paket nomor {seq} ({date}) sudah dikirim dan menunggu tanda "
              "terima; perubahan sesudahnya ikut pada paket yang dibuat berikutnya.", n=formatting.angka(pending),
              seq=last["sequence"], date=formatting.waktu_lokal(last["created_at"]))


def sent_text(result, folder: Path) -> str:
    """After "Buat paket": what went into the bundle, where it is, what to do next (rich text)."""
    import html

    counts = sorted(((kind_label(k), v) for k, v in result.records.items() if v and k != "office"),
                    key=lambda kv: (-kv[1], kv[0]))
    shown = MAX_KINDS_SHOWN if len(counts) > MAX_KINDS_SHOWN + 1 else len(counts)  # the largest kinds by name
    what = " · ".join(f"{html.escape(label)} {formatting.angka(v)}" for label, v in counts[:shown])
    if len(counts) > shown:
        what += " · " + html.escape(tr("dan {n} jenis lain", n=len(counts) - shown))
    total = sum(result.records.values())
    files = "".join(f"<li>{html.escape(p.name)}</li>" for p in result.files)
    return "".join([
        "<b>" + html.escape(tr("Paket nomor {seq} sudah dibuat dan diperiksa ulang.", seq=result.sequence)) + "</b>",
        "<p>" + html.escape(tr("Isinya: {n} rekaman, {size}.", n=formatting.angka(total), size=_size(result.size)))
        + (f"<br>{what}" if what else "") + "</p>",
        "<p>" + html.escape(tr("Tersimpan di {folder}:", folder=str(folder))) + f"</p><ul>{files}</ul>",
        "<p><b>" + html.escape(tr("Langkah berikutnya")) + "</b><br>",
        html.escape(tr("1. Bawa flashdisk ini ke kementerian, atau lampirkan {n} berkas di atas pada surel kepada "
                       "kementerian.", n=len(result.files))) + "<br>",
        html.escape(tr("2. Tunggu tanda terima (.kdreceipt) dari kementerian, lalu impor di kartu \u201cTanda terima "
                       "kementerian\u201d. Sampai itu, paket ini berstatus \u201cMenunggu tanda terima\u201d.")) + "</p>",
    ])


class SyncPage(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 26, 32, 24)
        layout.setSpacing(14)
        layout.addWidget(common.heading(tr("Sinkronisasi")))
        layout.addWidget(common.muted(tr(
            "Paket berisi semua perubahan yang belum dikonfirmasi kementerian, terenkripsi untuk kunci "
            "Kementerian Sosial dan bertanda tangan instalasi ini. Flashdisk yang hilang tidak membocorkan data "
            "pribadi; paket berikutnya membawa ulang isinya.")))

        top = QHBoxLayout()
        top.setSpacing(16)
        make = common.Card(tr("Buat paket"), "sinkronisasi")
        self.pending_label = QLabel("")
        self.pending_label.setWordWrap(True)
        make.body.addWidget(self.pending_label)
        self.key_label = common.muted("")
        make.body.addWidget(self.key_label)
        row = QHBoxLayout()
        self.make_button = common.primary_button(tr("Buat paket…"), "sinkronisasi")
        self.make_button.clicked.connect(self.choose_folder)
        self.make_button.setEnabled(ctx.actor.can("sync.export"))
        row.addWidget(self.make_button)
        self.key_button = common.button(tr("Atur kunci kementerian…"), "kunci")
        self.key_button.clicked.connect(self.choose_ministry_key)
        self.key_button.setVisible(ctx.actor.can("settings.edit"))
        row.addWidget(self.key_button)
        self.enrol_button = common.button(tr("Ambil berkas pendaftaran…"), "kunci")
        self.enrol_button.setToolTip(tr("Berkas .kdenrol dari kementerian: paket pertama kantor ini diterima tanpa "
                                        "verifikasi lewat telepon."))
        self.enrol_button.clicked.connect(self.choose_enrolment)
        self.enrol_button.setVisible(ctx.actor.can("settings.edit"))
        row.addStretch(1)
        make.body.addLayout(row)
        enrol_row = QHBoxLayout()  # its own row: three buttons do not fit the card at 1024 pixels
        enrol_row.addWidget(self.enrol_button)
        enrol_row.addStretch(1)
        make.body.addLayout(enrol_row)
        # After "Buat paket": what was sent, where, and what to do next; in full words, not greyed.
        self.result_label = QLabel("")
        self.result_label.setObjectName("syncResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.RichText)
        self.result_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.result_label.setStyleSheet(f"QLabel#syncResult {{ background: #eef7f1; border: 1px solid {theme.SUCCESS};"
                                        " border-radius: 6px; padding: 10px 12px; }")
        self.result_label.hide()
        make.body.addWidget(self.result_label)
        top.addWidget(make, 3)

        receipt = common.Card(tr("Tanda terima kementerian"), "centang")
        receipt.body.addWidget(common.muted(tr(
            "Setelah kementerian mengimpor paket, ia mengirim berkas tanda terima (.kdreceipt). "
            "Impor berkas itu agar paket ditandai diterima.")))
        row2 = QHBoxLayout()
        self.receipt_button = common.button(tr("Impor tanda terima…"), "centang")
        self.receipt_button.clicked.connect(self.choose_receipt)
        self.receipt_button.setEnabled(ctx.actor.can("sync.export"))
        row2.addWidget(self.receipt_button)
        row2.addStretch(1)
        receipt.body.addLayout(row2)
        self.receipt_label = common.muted("")
        self.receipt_label.hide()
        receipt.body.addWidget(self.receipt_label)
        receipt.body.addStretch(1)
        top.addWidget(receipt, 2)
        layout.addLayout(top)

        layout.addWidget(common.heading(tr("Paket yang sudah dibuat"), 2))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setAlternatingRowColors(True)
        layout.addWidget(self.table, 1)
        ctx.changed.connect(lambda kinds: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        ws = self.ctx.ws
        rows = export.list_bundles(ws)
        self.pending_label.setText(pending_text(export.pending_count(ws), rows))
        try:
            key = keys.ministry_public(ws)
            demo = self.ctx.is_demo() and not ws.setting("ministry_public_key")
            self.key_label.setText(tr("Kunci kementerian: {key}", key=key.key_id)
                                   + (" — " + tr("kunci CONTOH (demo)") if demo else ""))
        except Exception as exc:  # noqa: BLE001 (no key yet: say so, the button will explain)
            self.key_label.setText(str(exc))
        enrolled = enrolment.status(ws)
        if enrolled:
            self.key_label.setText(self.key_label.text() + "\n" + tr(
                "Terdaftar di kementerian dengan berkas pendaftaran (berlaku sampai {date}).",
                date=formatting.tanggal(_dt.date.fromisoformat(enrolled["valid_until"][:10]))))
        elif not self.ctx.is_demo():
            self.key_label.setText(self.key_label.text() + "\n" + tr(
                "Belum ada berkas pendaftaran: paket pertama menunggu verifikasi kementerian lewat telepon "
                "(sidik jari kunci: {fp}).", fp=self.fingerprint()))
        self.table.setRowCount(len(rows))
        for r, b in enumerate(rows):
            total = sum(b["counts"].values())
            confirmed = b["confirmed_at"]
            values = [str(b["sequence"]), formatting.waktu_lokal(b["created_at"]), b["created_by"] or "–",
                      tr("{n} rekaman", n=formatting.angka(total)) + (" · " + tr("lengkap") if b["full"] else ""),
                      _size(b["size"]),
                      ", ".join(b["files"]) if len(b["files"]) == 1 else tr("{n} bagian: {first} …", n=len(b["files"]), first=b["files"][0]),
                      tr("Diterima {date}", date=formatting.tanggal(confirmed)) if confirmed else tr("Menunggu tanda terima")]
            for c, v in enumerate(values):
                item = QTableWidgetItem(v)
                if c == 6:
                    item.setForeground(QColor(theme.SUCCESS if confirmed else "#9a6700"))
                if c in (0, 4):
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                self.table.setItem(r, c, item)
        fit_columns(self.table, "sinkronisasi/paket", names=(5,))

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("Pilih folder tujuan (mis. flashdisk)"), str(Path.home()))
        if folder:
            self.make_bundle(Path(folder))

    def make_bundle(self, folder: Path) -> None:
        ws, actor = self.ctx.ws, self.ctx.actor

        def done(result):
            self.result_label.setText(sent_text(result, folder))
            self.result_label.show()
            self.ctx.notify({"sync", "audit_log"})

        self.ctx.run_in_background(tr("Membuat paket sinkronisasi"),
                                   lambda progress: export.export_bundle(ws, actor, folder), done)

    def choose_ministry_key(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih kunci publik kementerian"), str(Path.home()),
                                              tr("Kunci publik (*.pub);;Semua berkas (*)"))
        if path:
            self.set_ministry_key(Path(path))

    def set_ministry_key(self, path: Path) -> bool:
        try:
            data = crypto.read_json_file(path, tr("kunci publik kementerian"))
            key = keys.set_ministry_key(self.ctx.ws, self.ctx.actor, data)
        except Exception as exc:  # noqa: BLE001 (shown in Indonesian; bugs are logged by show_error)
            common.show_error(self, exc)
            return False
        common.inform(self, tr("Kunci publik kementerian diatur ({key}).", key=key.key_id))
        self.ctx.notify({"settings", "audit_log"})
        return True

    def fingerprint(self) -> str:
        try:
            _, public = keys.installation_key(self.ctx.ws)
        except Exception:  # noqa: BLE001 (no key to show yet)
            return "–"
        return fingerprint(public)

    def choose_enrolment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas pendaftaran dari kementerian"), str(Path.home()),
                                              tr("Berkas pendaftaran (*.kdenrol);;Semua berkas (*)"))
        if path:
            self.take_enrolment(Path(path))

    def take_enrolment(self, path: Path) -> bool:
        try:
            result = enrolment.take(self.ctx.ws, self.ctx.actor, enrolment.read_file(path))
        except Exception as exc:  # noqa: BLE001 (shown in Indonesian; bugs are logged by show_error)
            common.show_error(self, exc)
            return False
        common.inform(self, tr("Kantor {code} terdaftar di kementerian (berlaku sampai {until}); paket pertamanya akan "
                               "diterima tanpa verifikasi telepon.", code=result["office"],
                               until=formatting.tanggal(_dt.date.fromisoformat(result["valid_until"][:10]))))
        self.ctx.notify({"settings", "audit_log"})
        self.refresh()
        return True

    def choose_receipt(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas tanda terima"), str(Path.home()),
                                              tr("Tanda terima Kemensos Desk (*.kdreceipt);;Semua berkas (*)"))
        if path:
            self.import_receipt(Path(path))

    def import_receipt(self, path: Path) -> bool:
        try:
            result = receipts.import_receipt(self.ctx.ws, self.ctx.actor, path)
        except Exception as exc:  # noqa: BLE001 (shown in Indonesian; bugs are logged by show_error)
            common.show_error(self, exc)
            return False
        text = tr("{n} paket dikonfirmasi kementerian.", n=result["confirmed"])
        if result["refused"]:
            text += " " + tr("Kementerian menolak {n} paket: {reasons}", n=len(result["refused"]),
                             reasons="; ".join(f"{r.get('file')}: {r.get('reason')}" for r in result["refused"]))
        taken = result.get("rules")  # the ministry's rules pack rides on the receipt: taken without a click
        if taken and taken["status"] == "imported":
            text += " " + tr("Paket aturan versi {v} dari kementerian diimpor dan berlaku.", v=taken["version"])
        elif taken and taken["status"] == "refused":
            text += " " + tr("Paket aturan yang menyertai tanda terima ditolak: {reason}", reason=taken["reason"])
        self.receipt_label.setText(text)
        self.receipt_label.show()
        self.ctx.notify({"*"} if taken and taken["status"] == "imported" else {"sync", "audit_log"})
        return True
