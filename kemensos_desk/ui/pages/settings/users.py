"""Pengguna (administrators): the accounts of this office, adding, resetting, (de)activating, unlocking."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QDialog, QDialogButtonBox, QHBoxLayout, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from kemensos_desk.core.errors import Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import users as user_service
from kemensos_desk.services.auth import role_label
from kemensos_desk.ui import common, theme
from kemensos_desk.ui.forms import FormView, password_pair_problem
from kemensos_desk.ui.password_dialogs import password_form
from kemensos_desk.ui.table_columns import fit_columns

COLUMNS = ("Nama pengguna", "Nama lengkap", "Peran", "Status", "Terakhir masuk")


class _FormDialog(QDialog):
    def __init__(self, title: str, view: FormView, ok_text: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(common.heading(title, 2))
        self.view = view
        layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel)
        buttons.button(QDialogButtonBox.Ok).setText(ok_text)
        buttons.button(QDialogButtonBox.Cancel).setText(tr("Batal"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _run(self, fn) -> bool:
        try:
            fn()
        except Refused as exc:
            rest = self.view.show_problems(exc.problems)
            if rest or not exc.problems:
                common.show_error(self, exc)
            return False
        except Exception as exc:
            common.show_error(self, exc)
            return False
        self.accept()
        return True


class AddUserDialog(_FormDialog):
    def __init__(self, ctx, parent=None):
        super().__init__(tr("Tambah pengguna"), FormView(load_form("user")), tr("Tambah"), parent)
        self.ctx = ctx
        self.view.set_value("role", "operator")
        self.view.hints["password"].setText(self.view.hints["password"].text() + ". " +
                                            tr("Pengguna wajib menggantinya saat pertama masuk."))

    def save(self) -> bool:
        if not self.view.validate():
            return False
        v = self.view.values()
        return self._run(lambda: user_service.add_user(self.ctx.ws, self.ctx.actor, v["username"].lower(),
                                                       v["full_name"], v["role"], v["password"]))


class ResetPasswordDialog(_FormDialog):
    def __init__(self, ctx, username: str, parent=None):
        super().__init__(tr("Atur ulang kata sandi {user}", user=username), FormView(password_form()),
                         tr("Atur ulang"), parent)
        self.ctx, self.username = ctx, username

    def save(self) -> bool:
        ok = self.view.validate()
        pair = password_pair_problem(self.view.value("password"), self.view.value("password_again"))
        self.view.set_error("password_again", pair)
        if not ok or pair:
            return False
        return self._run(lambda: user_service.reset_password(self.ctx.ws, self.ctx.actor, self.username,
                                                             self.view.value("password")))


class UsersTab(QWidget):
    def __init__(self, ctx, parent=None):
        super().__init__(parent)
        self.ctx = ctx
        self.users: list[dict] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 18, 20, 18)
        layout.setSpacing(12)
        bar = QHBoxLayout()
        bar.setSpacing(8)
        self.add_button = common.primary_button(tr("Tambah pengguna…"), "tambah")
        self.reset_button = common.button(tr("Atur ulang kata sandi…"), "kunci")
        self.active_button = common.button(tr("Nonaktifkan"))
        self.unlock_button = common.button(tr("Buka kunci"))
        for b in (self.add_button, self.reset_button, self.active_button, self.unlock_button):
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignLeft | Qt.AlignVCenter)
        layout.addWidget(self.table, 1)
        layout.addWidget(common.muted(tr("Pengguna yang kata sandinya diatur ulang wajib menggantinya saat masuk. "
                                         "Lima kali salah kata sandi mengunci akun selama lima menit.")))
        self.add_button.clicked.connect(self.add_user)
        self.reset_button.clicked.connect(self.reset_password)
        self.active_button.clicked.connect(self.toggle_active)
        self.unlock_button.clicked.connect(self.unlock)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        ctx.changed.connect(lambda kinds: ("*" in kinds or "users" in kinds) and self.load())
        self.load()

    def load(self) -> None:
        selected = self.selected_username()
        self.users = user_service.list_users(self.ctx.ws)
        self.table.setRowCount(len(self.users))
        for row, u in enumerate(self.users):
            if not u["active"]:
                status = tr("Nonaktif")
            elif u["locked"]:
                status = tr("Terkunci")
            else:
                status = tr("Aktif")
            last = common.local_time_text(u["last_login_at"]) if u["last_login_at"] else tr("belum pernah")
            for col, text in enumerate((u["username"], u["full_name"], role_label(u["role"]), status, last)):
                item = QTableWidgetItem(text)
                if col == 3 and status != tr("Aktif"):
                    item.setForeground(Qt.darkRed)
                if col == 0:
                    item.setIcon(theme.icon("pengguna", theme.MUTED))
                self.table.setItem(row, col, item)
            if u["username"] == selected:
                self.table.selectRow(row)
        fit_columns(self.table, "pengaturan/pengguna", names=(1,))
        self._update_buttons()

    def selected_username(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        return self.users[rows[0].row()]["username"] if rows[0].row() < len(self.users) else None

    def _selected(self) -> dict | None:
        name = self.selected_username()
        return next((u for u in self.users if u["username"] == name), None)

    def select(self, username: str) -> None:
        for row, u in enumerate(self.users):
            if u["username"] == username:
                self.table.selectRow(row)

    def _update_buttons(self) -> None:
        u = self._selected()
        self.reset_button.setEnabled(u is not None)
        self.active_button.setEnabled(u is not None and u["username"] != self.ctx.actor.username)
        self.active_button.setText(tr("Aktifkan") if u and not u["active"] else tr("Nonaktifkan"))
        self.unlock_button.setEnabled(bool(u and u["locked"]))

    def add_user(self) -> AddUserDialog:
        dialog = AddUserDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self.ctx.notify("users"))
        dialog.open()
        return dialog

    def reset_password(self) -> ResetPasswordDialog | None:
        u = self._selected()
        if u is None:
            return None
        dialog = ResetPasswordDialog(self.ctx, u["username"], self)
        dialog.accepted.connect(lambda: self.ctx.notify("users"))
        dialog.open()
        return dialog

    def toggle_active(self) -> None:
        u = self._selected()
        if u is None:
            return
        if u["active"] and not common.ask(self, tr("Nonaktifkan akun {user}?", user=u["username"]),
                                          tr("Pengguna ini tidak dapat masuk lagi sampai diaktifkan kembali.")):
            return
        self._do(lambda: user_service.set_active(self.ctx.ws, self.ctx.actor, u["username"], not u["active"]))

    def unlock(self) -> None:
        u = self._selected()
        if u is not None:
            self._do(lambda: user_service.unlock(self.ctx.ws, self.ctx.actor, u["username"]))

    def _do(self, fn) -> None:
        try:
            fn()
        except Exception as exc:
            common.show_error(self, exc)
        self.ctx.notify("users")
