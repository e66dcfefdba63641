"""A generic renderer for the form definitions in ``forms/*.json`` (``core.forms``).

Each field becomes a widget chosen by its type, with its label and hint in the current
language and an error line under it; validation is the field's own ``problem()``, the
same rule the services and the CLI apply. Modules reuse ``FormView`` for their forms::

    view = FormView(load_form("user"), fields=["username", "full_name"])
    if view.validate():
        service.add(**view.values())

A screen may supply its own widget for a field (``custom={"region_code": picker}``); it
must offer ``value()``, ``set_value(v)`` and a ``changed`` signal.
"""
from __future__ import annotations

import datetime as _dt
from typing import Any, Iterable

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QDateEdit, QDialog, QGridLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QRadioButton, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout, QWidget,
                               QWizard)

from kemensos_desk.core import formatting, nip
from kemensos_desk.core.errors import Problem
from kemensos_desk.core.forms import Field, Form
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import theme


def nip_feedback(text: str) -> tuple[bool | None, str]:
    """Live reading of a NIP: (ok, sentence). ``None`` while the field is empty."""
    if not nip.clean(text):
        return None, ""
    info, reason = nip.check(text)
    if info is None:
        return False, str(reason)
    sex = tr("laki-laki") if info.sex == "L" else tr("perempuan")
    return True, tr("Lahir {date} · {sex} · TMT {month} {year}", date=formatting.tanggal(info.birth_date), sex=sex,
                    month=formatting.nama_bulan(info.tmt_month), year=info.tmt_year)


class _RadioChoice(QWidget):
    changed = Signal()

    def __init__(self, field: Field, parent=None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for choice in field.choices:
            b = QRadioButton(choice.text())
            b.setObjectName(f"choice_{choice.value}")
            self.group.addButton(b)
            self.buttons[choice.value] = b
            layout.addWidget(b)
        self.group.buttonToggled.connect(lambda *_: self.changed.emit())

    def value(self) -> str:
        return next((v for v, b in self.buttons.items() if b.isChecked()), "")

    def set_value(self, value: str) -> None:
        if value in self.buttons:
            self.buttons[value].setChecked(True)


class FormView(QWidget):
    """The fields of one form, laid out as label / widget / hint / error."""

    changed = Signal(str)  # field name

    def __init__(self, form: Form, fields: Iterable[str] | None = None, *, custom: dict[str, QWidget] | None = None,
                 radio: Iterable[str] = (), parent=None):
        super().__init__(parent)
        self.form = form
        self.fields: list[Field] = [form.field(n) for n in fields] if fields is not None else list(form.fields)
        self.editors: dict[str, QWidget] = {}
        self.hints: dict[str, QLabel] = {}
        self.errors: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        self._touched: set[str] = set()
        custom = custom or {}
        radio = set(radio)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        row = 0
        for f in self.fields:
            label = QLabel(f.text() + (" *" if f.required else ""))
            label.setObjectName("fieldLabel")
            label.setAlignment(Qt.AlignLeft | Qt.AlignTop)
            label.setMinimumWidth(190)
            editor = custom.get(f.name) or self._make_editor(f, f.name in radio)
            editor.setObjectName(f"field_{f.name}")
            label.setBuddy(editor)
            self.labels[f.name], self.editors[f.name] = label, editor
            box = QVBoxLayout()
            box.setSpacing(3)
            box.addWidget(editor)
            hint = QLabel(f.hint_text())
            hint.setObjectName("hint")
            hint.setWordWrap(True)
            hint.setVisible(bool(f.hint_text()))
            error = QLabel("")
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setVisible(False)
            box.addWidget(hint)
            box.addWidget(error)
            self.hints[f.name], self.errors[f.name] = hint, error
            grid.addWidget(label, row, 0)
            grid.addLayout(box, row, 1)
            grid.setRowMinimumHeight(row, 0)
            row += 1
            grid.addItem(_spacer(), row, 0)
            row += 1
            self._connect(f, editor)

    # -- widgets ---------------------------------------------------------------------------------
    def _make_editor(self, f: Field, as_radio: bool) -> QWidget:
        if f.type == "select_one":
            if as_radio:
                return _RadioChoice(f)
            combo = QComboBox()
            if not f.required:
                combo.addItem("", "")
            for choice in f.choices:
                combo.addItem(choice.text(), choice.value)
            return combo
        if f.type == "multiline":
            edit = QPlainTextEdit()
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64)
            return edit
        if f.type == "integer":
            spin = QSpinBox()
            spin.setRange(f.minimum if f.minimum is not None else -2**31, f.maximum if f.maximum is not None else 2**31 - 1)
            spin.setGroupSeparatorShown(True)
            spin.lineEdit().setTextMargins(6, 0, 0, 0)  # the style sheet's padding does not reach it
            return spin
        if f.type == "date":
            date = QDateEdit()
            date.setCalendarPopup(True)
            date.setDisplayFormat("dd-MM-yyyy")
            date.setDate(QDate.currentDate())
            return date
        edit = QLineEdit()
        if f.max_length:
            edit.setMaxLength(f.max_length)
        if f.type == "password":
            edit.setEchoMode(QLineEdit.Password)
        if f.type == "nip":
            edit.setFont(theme.mono_font(10))
            edit.setPlaceholderText("19680312 199003 1 002")
        return edit

    def _connect(self, f: Field, editor: QWidget) -> None:
        name = f.name
        emit = lambda *_: self._on_changed(name)  # noqa: E731
        if isinstance(editor, QLineEdit):
            editor.textChanged.connect(emit)
            editor.editingFinished.connect(lambda: self._touch(name))
        elif isinstance(editor, QPlainTextEdit):
            editor.textChanged.connect(emit)
        elif isinstance(editor, QComboBox):
            editor.currentIndexChanged.connect(emit)
        elif isinstance(editor, QSpinBox):
            editor.valueChanged.connect(emit)
        elif isinstance(editor, QDateEdit):
            editor.dateChanged.connect(emit)
        elif hasattr(editor, "changed"):
            editor.changed.connect(emit)

    def _touch(self, name: str) -> None:
        # Passing by an empty field is not an error yet; the page's Next/Simpan checks it.
        if name in self._touched or self.value(name) not in ("", None):
            self._touched.add(name)
            self.validate([name])

    def _on_changed(self, name: str) -> None:
        f = self.form.field(name)
        if f.type == "nip":
            ok, text = nip_feedback(self.value(name))
            if ok is None:
                self._set_hint(name, f.hint_text(), None)
            else:
                self._set_hint(name, ("✓ " if ok else "") + text, ok)
            # The live line under the NIP already says what is wrong: one message, never two.
            self.set_error(name, None)
        elif name in self._touched or self.errors[name].text():
            # An error shown (by Next, by the page, by the service) goes as soon as it is fixed.
            self.validate([name])
        self.changed.emit(name)

    def _set_hint(self, name: str, text: str, ok: bool | None) -> None:
        hint = self.hints[name]
        hint.setText(text)
        hint.setVisible(bool(text))
        hint.setProperty("state", "" if ok is None else ("ok" if ok else "bad"))
        theme.repolish(hint)

    # -- values ----------------------------------------------------------------------------------
    def value(self, name: str) -> Any:
        editor = self.editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text().strip() if self.form.field(name).type != "password" else editor.text()
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText().strip()
        if isinstance(editor, QComboBox):
            return editor.currentData() or ""
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QDateEdit):
            d = editor.date()
            return _dt.date(d.year(), d.month(), d.day())
        return editor.value()

    def values(self) -> dict[str, Any]:
        return {f.name: self.value(f.name) for f in self.fields}

    def set_value(self, name: str, value: Any) -> None:
        editor = self.editors[name]
        if isinstance(editor, QLineEdit) and self.form.field(name).type == "nip" and value:
            editor.setText(nip.format_nip(value))
        elif isinstance(editor, (QLineEdit, QPlainTextEdit)):
            editor.setPlainText(value or "") if isinstance(editor, QPlainTextEdit) else editor.setText(value or "")
        elif isinstance(editor, QComboBox):
            index = editor.findData(value or "")
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value or 0))
        elif isinstance(editor, QDateEdit):
            if value:
                editor.setDate(QDate(value.year, value.month, value.day))
        else:
            editor.set_value(value)

    def set_values(self, values: dict[str, Any]) -> None:
        for name, value in values.items():
            if name in self.editors:
                self.set_value(name, value)

    # -- errors ----------------------------------------------------------------------------------
    def set_error(self, name: str, message: Any | None) -> None:
        if name not in self.errors:
            return
        if message and self.form.field(name).type == "nip" and self.hints[name].property("state") == "bad":
            # the live NIP line shows this reason already; mark the editor only
            self.editors[name].setProperty("error", True)
            theme.repolish(self.editors[name])
            return
        label = self.errors[name]
        was_visible = label.isVisibleTo(self)
        label.setText(str(message) if message else "")
        label.setVisible(bool(message))
        if bool(message) != was_visible:
            QTimer.singleShot(0, self, self._fit_window)  # dropped if the view is gone by then
        editor = self.editors[name]
        editor.setProperty("error", bool(message))
        theme.repolish(editor)

    def _fit_window(self) -> None:
        # A dialog does not grow by itself when a wrapped error line appears; without this
        # the lines overlap. Wizards and pages have room to spare, so only dialogs are grown.
        window = self.window()
        if isinstance(window, QDialog) and not isinstance(window, QWizard):
            needed = window.layout().totalHeightForWidth(window.width()) if window.layout() else -1
            if needed > window.height():
                window.resize(window.width(), needed)

    def clear_errors(self) -> None:
        for name in self.errors:
            self.set_error(name, None)

    def validate(self, names: Iterable[str] | None = None) -> bool:
        """Check ``names`` (all fields by default) and show each reason under its field."""
        ok = True
        first_bad = None
        for f in self.fields:
            if names is not None and f.name not in names:
                continue
            reason = f.problem(self.value(f.name))
            self.set_error(f.name, reason)
            if reason:
                ok = False
                first_bad = first_bad or f.name
        if names is None and first_bad:
            self.editors[first_bad].setFocus()
        return ok

    def show_problems(self, problems: list[Problem]) -> list[Problem]:
        """Put each problem under its field; returns the ones that belong to no field here."""
        rest = []
        for p in problems:
            if p.field in self.errors:
                self.set_error(p.field, p.message)
            else:
                rest.append(p)
        return rest


def _spacer():
    return QSpacerItem(0, 8, QSizePolicy.Minimum, QSizePolicy.Fixed)


def password_pair_problem(first: str, second: str) -> str | None:
    if first != second:
        return tr("Kedua kata sandi tidak sama.")
    return None


__all__ = ["FormView", "nip_feedback", "password_pair_problem"]
