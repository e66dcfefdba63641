"""The first-start wizard: a new office, or "Coba dengan data contoh" (the demo office).

A new office: level → region → office → head of office → administrator → summary
(where ``services.office.setup_office`` runs) → the one-time recovery code, which must be
acknowledged before finishing. The demo lives in its own data directory and logs
straight in as its administrator.
"""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QLinearGradient, QPainter, QPixmap
from PySide6.QtWidgets import (QApplication, QCommandLinkButton, QFileDialog, QHBoxLayout, QLabel, QVBoxLayout, QWizard,
                               QWizardPage)

from kemensos_desk.core import nip, regions
from kemensos_desk.core.errors import AccessDenied, Refused
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import auth
from kemensos_desk.services.office import OfficeDetails, setup_office
from kemensos_desk.services.sync import enrolment as sync_enrolment
from kemensos_desk.services.workspace import Workspace, demo_data_dir
from kemensos_desk.ui import common, fit, tasks, theme
from kemensos_desk.ui.setup_pages import AdminPage, HeadPage, LevelPage, OfficePage, RegionPage
from kemensos_desk.ui.widgets.recovery_code import RecoveryCodeView

INTRO, LEVEL, REGION, OFFICE, HEAD, ADMIN, SUMMARY, CODE = range(8)


WIZARD_CHROME = 110  # title bar, task bar and margins: what the wizard needs beside its watermark


def watermark(width: int = 230, height: int = 600) -> QPixmap:
    """The tall panel beside the welcome page: our colours, the logo, the product name."""
    pixmap = QPixmap(width, height)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.Antialiasing)
    gradient = QLinearGradient(0, 0, 0, height)
    gradient.setColorAt(0, QColor(theme.PRIMARY))
    gradient.setColorAt(1, QColor(theme.PRIMARY_DARK))
    painter.fillRect(pixmap.rect(), gradient)
    theme.app_icon().paint(painter, QRect((width - 96) // 2, 150, 96, 96))
    font = QFont(QApplication.font())
    font.setPointSize(17)
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(QRect(0, 262, width, 40), Qt.AlignCenter, "Kemensos Desk")
    font.setPointSize(9)
    font.setBold(False)
    painter.setFont(font)
    painter.setPen(QColor("#cfe6e6"))
    painter.drawText(QRect(20, 306, width - 40, 60), Qt.AlignHCenter | Qt.TextWordWrap,
                     tr("Pelaporan Dinas Sosial kepada Kementerian Sosial"))
    painter.end()
    return pixmap


class IntroPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        # No subtitle: the modern style then shows the tall watermark panel beside this page.
        self.setTitle(tr("Selamat datang di Kemensos Desk"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 8)
        layout.setSpacing(12)
        about = QLabel(tr("Aplikasi pelaporan Dinas Sosial kepada Kementerian Sosial: SPM, Dekon/TP dan Rakor."))
        about.setObjectName("muted")
        about.setWordWrap(True)
        layout.addWidget(about)
        layout.addSpacing(10)
        text = QLabel(tr("Komputer ini belum berisi data kantor. Pilih salah satu untuk memulai:"))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.new_button = QCommandLinkButton(tr("Siapkan kantor baru"),
                                             tr("Isi tingkat dan wilayah kantor, Kepala Dinas, dan akun administrator. "
                                                "Sekitar lima menit."))
        self.new_button.setObjectName("newOffice")
        self.new_button.setIcon(theme.icon("kantor", theme.PRIMARY))
        self.demo_button = QCommandLinkButton(tr("Coba dengan data contoh"),
                                              tr("Kantor contoh (Kabupaten Majalengka) dengan data buatan, di folder "
                                                 "tersendiri: tidak tercampur dengan data kantor Anda."))
        self.demo_button.setObjectName("tryDemo")
        self.demo_button.setIcon(theme.icon("beranda", theme.ACCENT))
        layout.addWidget(self.new_button)
        layout.addWidget(self.demo_button)
        layout.addStretch(1)


class SummaryPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(tr("Periksa kembali"))
        self.setSubTitle(tr("Tekan \"Siapkan\" untuk menyimpan. Wilayah kantor tidak dapat diubah sesudahnya."))
        self.setCommitPage(True)
        self.setButtonText(QWizard.CommitButton, tr("Siapkan"))
        layout = QVBoxLayout(self)
        self.text = QLabel()
        self.text.setObjectName("summary")
        self.text.setTextFormat(Qt.RichText)
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        # Optional: the ministry's enrolment file, so the office's first bundle needs no phone call.
        self.enrolment_path: Path | None = None
        enrol_row = QHBoxLayout()
        self.enrol_button = common.button(tr("Berkas pendaftaran kementerian (bila ada)…"), "kunci")
        self.enrol_button.clicked.connect(self.choose_enrolment)
        enrol_row.addWidget(self.enrol_button)
        self.enrol_label = common.muted(tr("Bisa juga diambil nanti di halaman Sinkronisasi."))
        enrol_row.addWidget(self.enrol_label, 1)
        layout.addLayout(enrol_row)
        layout.addStretch(1)

    def choose_enrolment(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Pilih berkas pendaftaran dari kementerian"), str(Path.home()),
                                              tr("Berkas pendaftaran (*.kdenrol);;Semua berkas (*)"))
        if path:
            self.enrolment_path = Path(path)
            self.enrol_label.setText(Path(path).name)

    def initializePage(self) -> None:  # noqa: N802
        w = self.wizard()
        d = w.details()
        region = regions.get(d.region_code)
        rows = [
            (tr("Tingkat"), regions.LEVEL_LABELS.get(d.level, d.level)),
            (tr("Wilayah"), f"{region.name} ({region.code})" if region else d.region_code),
            (tr("Nama kantor"), d.office_name), (tr("Alamat"), d.address),
            (tr("Telepon"), d.phone or "–"), (tr("Surel"), d.email or "–"),
            (tr("Kepala Dinas"), d.head_name), (tr("NIP"), nip.format_nip(d.head_nip)),
            (tr("Administrator"), f"{w.admin['full_name']} ({w.admin['username']})"),
        ]
        cells = "".join(f"<tr><td style='color:{theme.MUTED};padding:4px 18px 4px 0'>{html.escape(k)}</td>"
                        f"<td style='padding:4px 0'><b>{html.escape(str(v))}</b></td></tr>" for k, v in rows)
        self.text.setText(f"<table>{cells}</table>")
        self.error.hide()

    def validatePage(self) -> bool:  # noqa: N802
        return self.wizard().commit_setup()


class CodePage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle(tr("Kode pemulihan"))
        self.setSubTitle(tr("Kantor sudah siap. Simpan kode ini: hanya ditampilkan sekali."))
        layout = QVBoxLayout(self)
        layout.setSpacing(14)
        intro = QLabel(tr("Jika kata sandi administrator terlupa, kode ini mengatur ulang kata sandinya "
                          "(layar masuk → \"Lupa kata sandi?\"). Cetak atau salin, lalu simpan di tempat aman."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.view = RecoveryCodeView()
        self.view.confirmed_changed.connect(lambda *_: self.completeChanged.emit())
        layout.addWidget(self.view)
        layout.addStretch(1)

    def isComplete(self) -> bool:  # noqa: N802
        return self.view.confirmed


class SetupWizard(QWizard):
    """Emits ``completed(workspace, actor)``; actor is None if the user must still log in."""

    completed = Signal(object, object)

    def __init__(self, ws: Workspace, data_dir: Path | None = None, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.data_dir = Path(data_dir) if data_dir else ws.data_dir
        self.recovery_code = ""
        self.admin: dict = {}
        self.actor = None
        self.setWindowTitle(tr("Penyiapan Kemensos Desk"))
        self.setWindowIcon(theme.app_icon())
        self.setWizardStyle(QWizard.ModernStyle)
        self.setOption(QWizard.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        self.setPixmap(QWizard.LogoPixmap, theme.app_icon().pixmap(48, 48))
        self.setButtonText(QWizard.NextButton, tr("Lanjut"))
        self.setButtonText(QWizard.BackButton, tr("Kembali"))
        self.setButtonText(QWizard.CancelButton, tr("Batal"))
        self.setButtonText(QWizard.FinishButton, tr("Selesai"))
        self.intro = IntroPage()
        # The welcome page only; no taller than the screen leaves room for (a 600-pixel laptop).
        room = fit.available_geometry(self).height() - WIZARD_CHROME
        self.intro.setPixmap(QWizard.WatermarkPixmap, watermark(height=max(400, min(600, room))))
        self.pages_ = {INTRO: self.intro, LEVEL: LevelPage(), REGION: RegionPage(), OFFICE: OfficePage(),
                       HEAD: HeadPage(), ADMIN: AdminPage(), SUMMARY: SummaryPage(), CODE: CodePage()}
        self.setTitleFormat(Qt.RichText)
        self.setSubTitleFormat(Qt.RichText)
        steps = len(self.pages_) - 1
        for key, page in self.pages_.items():
            page.plain_title = page.title()
            page.setTitle(f"<span style='font-size:15pt;font-weight:600;color:{theme.TEXT}'>"
                          f"{html.escape(page.title())}</span>")
            if key != INTRO:
                step = tr("Langkah {n} dari {total}", n=key, total=steps) + " · "
                page.setSubTitle(f"<span style='color:{theme.MUTED}'>{html.escape(step + page.subTitle())}</span>")
            self.setPage(key, page)
        self.intro.new_button.clicked.connect(self.next)
        self.intro.demo_button.clicked.connect(self.start_demo)
        self.currentIdChanged.connect(self._update_buttons)
        fit.fit_dialog(self, QSize(860, 660))
        self._update_buttons(INTRO)

    def reject(self) -> None:  # Batal, Esc or the window's close button
        """Leaving half-way loses what was typed: ask first (nothing is saved before the summary)."""
        if self.currentId() not in (INTRO, CODE) and not common.ask(
                self, tr("Batalkan penyiapan kantor?"),
                tr("Isian yang sudah diketik tidak disimpan; penyiapan dapat diulang saat aplikasi dibuka lagi."),
                title=tr("Batalkan penyiapan")):
            return
        super().reject()

    def _update_buttons(self, page_id: int) -> None:
        # The intro page offers its two choices as big buttons; Next would be a third way.
        if page_id == INTRO:
            self.setButtonLayout([QWizard.Stretch, QWizard.CancelButton])
        elif page_id == CODE:  # the office exists now: there is no way back
            self.setButtonLayout([QWizard.Stretch, QWizard.FinishButton])
        else:
            self.setButtonLayout([QWizard.Stretch, QWizard.BackButton, QWizard.NextButton, QWizard.CommitButton,
                                  QWizard.FinishButton, QWizard.CancelButton])

    # -- values from the pages --------------------------------------------------------------------
    def value_of(self, name: str):
        for page in self.pages_.values():
            view = getattr(page, "view", None)
            if view is not None and hasattr(view, "editors") and name in view.editors:
                return view.value(name)
        return None

    def details(self) -> OfficeDetails:
        self.admin = self.pages_[ADMIN].values()
        v = self.value_of
        return OfficeDetails(level=v("level"), region_code=v("region_code"), office_name=v("office_name"),
                             address=v("address"), head_name=v("head_name"), head_nip=nip.clean(v("head_nip")),
                             phone=v("phone") or None, email=v("email") or None)

    def _page_of(self, field: str) -> int | None:
        for key, page in self.pages_.items():
            view = getattr(page, "view", None)
            if view is not None and hasattr(view, "editors") and field in view.editors:
                return key
        return None

    def commit_setup(self) -> bool:
        """Save the office (summary page's "Siapkan"); on refusal show each problem at its field."""
        details = self.details()
        try:
            self.recovery_code = setup_office(self.ws, details, self.admin["username"], self.admin["full_name"],
                                              self.admin["password"])
        except Refused as exc:
            first = None
            for p in exc.problems:
                key = self._page_of(p.field)
                if key is not None:
                    self.pages_[key].view.set_error(p.field, p.message)
                    first = key if first is None else min(first, key)
            summary = self.pages_[SUMMARY]
            summary.error.setText(str(exc) + ("\n" + common.problems_text(exc) if exc.problems else ""))
            summary.error.show()
            while first is not None and self.currentId() > first:
                self.back()
            return False
        except Exception as exc:  # environment problems and bugs: a message, never a traceback
            common.show_error(self, exc)
            return False
        try:
            self.actor = auth.login(self.ws, self.admin["username"], self.admin["password"])
        except AccessDenied:
            self.actor = None
        self.take_enrolment()
        office = self.ws.office()
        self.pages_[CODE].view.set_code(self.recovery_code, self.admin["username"], office.name)
        return True

    def take_enrolment(self) -> None:
        """The office is set up whatever happens here: a bad file is said, and can be taken later."""
        path = self.pages_[SUMMARY].enrolment_path
        if path is None or self.actor is None:
            return
        try:
            sync_enrolment.take(self.ws, self.actor, sync_enrolment.read_file(path))
        except Exception as exc:  # noqa: BLE001 (shown in Indonesian; bugs are logged by show_error)
            common.show_error(self, exc)

    def accept(self) -> None:
        super().accept()
        self.completed.emit(self.ws, self.actor)

    # -- demo ------------------------------------------------------------------------------------
    def start_demo(self) -> None:
        """Create (or reopen) the demo office in its own data directory and log in as admin."""
        from kemensos_desk.services import demo

        target = demo_data_dir(self.data_dir)

        def work(progress):
            ws = Workspace.open(target)
            if not ws.is_initialised():
                progress.set(0, 0, tr("Membuat kantor contoh dan data buatannya…"))
                demo.create_demo(ws, demo.GUI_DEMO_PASSWORD)
            try:
                return ws, auth.login(ws, "admin", demo.GUI_DEMO_PASSWORD)
            except AccessDenied:
                return ws, None  # its password was changed: the login dialog asks for it

        def done(result):
            ws, actor = result
            self.demo_ws = ws
            QWizard.accept(self)
            self.completed.emit(ws, actor)

        self.intro.demo_button.setEnabled(False)
        self.intro.new_button.setEnabled(False)

        def failed(exc):
            self.intro.demo_button.setEnabled(True)
            self.intro.new_button.setEnabled(True)
            common.show_error(self, exc)

        tasks.run_in_background(self, tr("Menyiapkan data contoh"), work, done, failed)
