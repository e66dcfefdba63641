"""Changing one's own password, and recovering the administrator's with the printed code."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QLabel, QLineEdit, QStackedWidget, QVBoxLayout, QWidget)

from kemensos_desk.core.errors import KemensosError, Refused
from kemensos_desk.core.forms import parse_form
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import users as user_service
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import common, theme
from kemensos_desk.ui.forms import FormView, password_pair_problem
from kemensos_desk.ui.widgets.recovery_code import RecoveryCodeView


def password_form(with_old: bool = False, with_code: bool = False):
    fields = []
    if with_code:
        fields.append({"name": "code", "type": "text", "required": True,
                       "label": {"id": tr("Kode pemulihan")}, "hint": {"id": tr("Seperti tercetak: XXXXX-XXXXX-XXXXX-XXXXX")}})
    if with_old:
        fields.append({"name": "old_password", "type": "password", "required": True,
                       "label": {"id": tr("Kata sandi lama")}})
    fields += [
        {"name": "password", "type": "password", "required": True, "check": "password",
         "label": {"id": tr("Kata sandi baru")}, "hint": {"id": tr("Minimal 8 karakter, berisi huruf dan angka")}},
        {"name": "password_again", "type": "password", "required": True, "label": {"id": tr("Ulangi kata sandi baru")}},
    ]
    return parse_form({"form": "password", "fields": fields})


class _PasswordDialogBase(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowIcon(theme.app_icon())
        self.setMinimumWidth(600)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(24, 20, 24, 18)
        self.layout_.setSpacing(12)
        self.layout_.addWidget(common.heading(title, 2))

    def _pair_ok(self, view: FormView) -> bool:
        ok = view.validate()
        pair = password_pair_problem(view.value("password"), view.value("password_again"))
        view.set_error("password_again", pair)
        return ok and not pair


class ChangePasswordDialog(_PasswordDialogBase):
    def __init__(self, ws: Workspace, actor: Actor, forced: bool = False, parent=None):
        super().__init__(tr("Ganti kata sandi"), parent)
        self.ws, self.actor = ws, actor
        if forced:
            note = QLabel(tr("Kata sandi Anda diatur oleh administrator. Buat kata sandi baru sebelum melanjutkan."))
            note.setWordWrap(True)
            note.setObjectName("notice")
            self.layout_.addWidget(note)
        self.view = FormView(password_form(with_old=True))
        self.layout_.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(tr("Simpan"))
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Keluar") if forced else tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.layout_.addWidget(buttons)

    def save(self) -> bool:
        if not self._pair_ok(self.view):
            return False
        try:
            user_service.change_own_password(self.ws, self.actor, self.view.value("old_password"),
                                             self.view.value("password"))
        except Refused as exc:
            rest = self.view.show_problems(exc.problems)
            if rest or not exc.problems:
                self.view.set_error("password", exc.message)
            return False
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.accept()
        return True


class ForgotPasswordDialog(_PasswordDialogBase):
    """The printed recovery code resets the administrator's password; a new code is shown."""

    recovered = Signal(str)  # username

    def __init__(self, ws: Workspace, office_name: str = "", parent=None):
        super().__init__(tr("Lupa kata sandi"), parent)
        self.ws, self.office_name = ws, office_name
        self.username = ""
        self.stack = QStackedWidget()
        self.layout_.addWidget(self.stack)
        ask = QWidget()
        box = QVBoxLayout(ask)
        box.setContentsMargins(0, 0, 0, 0)
        intro = QLabel(tr("Masukkan kode pemulihan yang dicetak saat penyiapan, lalu kata sandi baru untuk "
                          "administrator. Pengguna lain meminta administrator mengatur ulang kata sandinya."))
        intro.setWordWrap(True)
        box.addWidget(intro)
        self.view = FormView(password_form(with_code=True))
        code_edit = self.view.editors["code"]
        if isinstance(code_edit, QLineEdit):
            code_edit.setFont(theme.mono_font(11))
        box.addWidget(self.view)
        self.stack.addWidget(ask)
        done = QWidget()
        box2 = QVBoxLayout(done)
        box2.setContentsMargins(0, 0, 0, 0)
        self.done_text = QLabel()
        self.done_text.setWordWrap(True)
        box2.addWidget(self.done_text)
        self.code_view = RecoveryCodeView()
        self.code_view.confirmed_changed.connect(lambda ok: self.close_button.setEnabled(ok))
        box2.addWidget(self.code_view)
        self.stack.addWidget(done)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText(tr("Atur ulang kata sandi"))
        self.close_button = self.buttons.button(QDialogButtonBox.Cancel)
        self.close_button.setText(tr("Batal"))
        self.buttons.accepted.connect(self.recover)
        self.buttons.rejected.connect(self.reject)
        self.layout_.addWidget(self.buttons)

    def recover(self) -> bool:
        if not self._pair_ok(self.view):
            return False
        try:
            username, code = user_service.recover_with_code(self.ws, self.view.value("code"), self.view.value("password"))
        except Refused as exc:
            rest = self.view.show_problems(exc.problems)
            if rest or not exc.problems:
                self.view.set_error("password", exc.message)
            return False
        except KemensosError as exc:
            self.view.set_error("code", exc.message)
            return False
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.username = username
        self.done_text.setText(tr("Kata sandi {user} sudah diganti. Kode lama tidak berlaku lagi; ini kode pemulihan "
                                  "yang baru. Simpan sebelum menutup.", user=username))
        self.code_view.set_code(code, username, self.office_name)
        self.stack.setCurrentIndex(1)
        self.ok_button.hide()
        self.close_button.setText(tr("Tutup"))
        self.close_button.setEnabled(False)
        self.recovered.emit(username)
        return True
