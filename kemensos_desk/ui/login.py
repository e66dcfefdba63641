"""The login dialog: which office this is, username and password, "Lupa kata sandi?"."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from kemensos_desk.core.errors import KemensosError
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import auth
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.ui import common, theme
from kemensos_desk.ui.password_dialogs import ForgotPasswordDialog


class LoginDialog(QDialog):
    logged_in = Signal(object)  # services.auth.Actor

    def __init__(self, ws: Workspace, parent=None):
        super().__init__(parent)
        self.ws = ws
        self.actor = None
        office = ws.office()
        self.is_demo = bool(office and office.is_demo)
        self.setWindowTitle(tr("Masuk — Kemensos Desk") + (" — " + tr("CONTOH / DEMO") if self.is_demo else ""))
        self.setWindowIcon(theme.app_icon())
        self.setObjectName("loginDialog")
        self.setFixedWidth(460)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)

        header = QWidget()
        header.setObjectName("loginHeader")
        head = QVBoxLayout(header)
        head.setContentsMargins(28, 24, 28, 20)
        head.setSpacing(4)
        top = QHBoxLayout()
        logo = QLabel()
        logo.setPixmap(theme.app_icon().pixmap(44, 44))
        top.addWidget(logo)
        app_name = QLabel("Kemensos Desk")
        app_name.setObjectName("loginApp")
        top.addWidget(app_name)
        top.addStretch(1)
        if self.is_demo:
            top.addWidget(common.demo_badge())
        head.addLayout(top)
        head.addSpacing(8)
        self.office_label = QLabel(office.name if office else "")
        self.office_label.setObjectName("loginOffice")
        self.office_label.setWordWrap(True)
        head.addWidget(self.office_label)
        region = QLabel(f"{office.region_name} · {tr('kode wilayah')} {office.region_code}" if office else "")
        region.setObjectName("loginRegion")
        head.addWidget(region)
        outer.addWidget(header)

        body = QVBoxLayout()
        body.setContentsMargins(28, 22, 28, 22)
        body.setSpacing(12)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        form.setHorizontalSpacing(16)
        form.setVerticalSpacing(10)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.username.setPlaceholderText(tr("nama pengguna"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.Password)
        self.password.setPlaceholderText(tr("kata sandi"))
        form.addRow(tr("Nama pengguna"), self.username)
        form.addRow(tr("Kata sandi"), self.password)
        body.addLayout(form)
        self.hint: QLabel | None = None
        if self.is_demo:
            from kemensos_desk.services import demo

            if demo.default_password_works(ws):  # only a true hint: a wrong one counts toward the lock-out
                self.hint = QLabel(tr("Kantor contoh: masuk sebagai admin dengan kata sandi {pw}.",
                                      pw=demo.GUI_DEMO_PASSWORD))
                self.hint.setObjectName("hint")
                self.hint.setWordWrap(True)
                body.addWidget(self.hint)
            self.username.setText("admin")
        self.error = QLabel("")
        self.error.setObjectName("loginError")
        self.error.setWordWrap(True)
        self.error.hide()
        body.addWidget(self.error)
        row = QHBoxLayout()
        self.forgot = QPushButton(tr("Lupa kata sandi?"))
        self.forgot.setObjectName("linkButton")
        self.forgot.setCursor(Qt.PointingHandCursor)
        self.forgot.setAutoDefault(False)
        self.forgot.clicked.connect(self.open_recovery)
        row.addWidget(self.forgot)
        row.addStretch(1)
        self.cancel_button = QPushButton(tr("Tutup"))
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        row.addWidget(self.cancel_button)
        self.login_button = common.primary_button(tr("Masuk"))
        self.login_button.setDefault(True)
        self.login_button.clicked.connect(self.try_login)
        row.addWidget(self.login_button)
        body.addLayout(row)
        outer.addLayout(body)
        (self.password if self.username.text() else self.username).setFocus()

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def try_login(self) -> bool:
        try:
            actor = auth.login(self.ws, self.username.text(), self.password.text())
        except KemensosError as exc:
            self.show_error(str(exc))
            self.password.selectAll()
            self.password.setFocus()
            return False
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.actor = actor
        self.show_error("")
        self.accept()
        self.logged_in.emit(actor)
        return True

    def open_recovery(self) -> ForgotPasswordDialog:
        office = self.ws.office()
        dialog = ForgotPasswordDialog(self.ws, office.name if office else "", self)
        dialog.recovered.connect(self._recovered)
        dialog.open()
        return dialog

    def _recovered(self, username: str) -> None:
        self.username.setText(username)
        self.password.clear()
        self.show_error("")
        self.password.setFocus()
