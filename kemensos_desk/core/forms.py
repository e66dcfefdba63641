"""Forms as data (in the spirit of XLSForm): fields, types, constraints and labels per
language live in ``forms/*.json``; the validator here and the Qt renderer both read them.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable

from kemensos_desk.core import i18n, nip, passwords
from kemensos_desk.core.text import control_problem
from kemensos_desk.core.errors import Problem
from kemensos_desk.core.i18n import Message
from kemensos_desk.core.locations import forms_dir

TYPES = {"text", "multiline", "integer", "date", "select_one", "password", "nip", "email", "phone"}


def _email(value: str) -> Message | None:
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
        return Message("Alamat surel tidak sah.")
    return None


def _phone(value: str) -> Message | None:
    if not re.fullmatch(r"\+?[0-9 ()\-]{6,20}", value):
        return Message("Nomor telepon hanya boleh berisi angka, spasi, tanda kurung dan tanda hubung.")
    return None


def _username(value: str) -> Message | None:
    if not re.fullmatch(r"[a-z][a-z0-9._]{2,31}", value):
        return Message("Nama pengguna 3–32 karakter: huruf kecil, angka, titik atau garis bawah, diawali huruf.")
    return None


# Named checks a form may ask for; each returns None or the reason.
CHECKS: dict[str, Callable[[str], Message | None]] = {
    "nip": lambda v: nip.check(v)[1],
    "email": _email,
    "phone": _phone,
    "username": _username,
    "password": lambda v: passwords.password_problem(v),
}


def _label(value: Any) -> dict[str, str]:
    if isinstance(value, str):
        return {"id": value}
    return dict(value or {})


@dataclass(frozen=True)
class Choice:
    value: str
    label: dict[str, str]

    def text(self) -> str:
        return self.label.get(i18n.language()) or self.label.get("id") or self.value


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    label: dict[str, str]
    hint: dict[str, str] = field(default_factory=dict)
    required: bool = False
    max_length: int | None = None
    pattern: str | None = None
    pattern_message: dict[str, str] = field(default_factory=dict)
    check: str | None = None
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None

    def text(self) -> str:
        return self.label.get(i18n.language()) or self.label.get("id") or self.name

    def hint_text(self) -> str:
        return self.hint.get(i18n.language()) or self.hint.get("id") or ""

    def problem(self, raw: Any) -> Message | None:
        """Why ``raw`` is not acceptable for this field, or None."""
        value = raw.strip() if isinstance(raw, str) else raw
        if value in (None, ""):
            return Message("{label} wajib diisi.", label=self.text()) if self.required else None
        if self.type == "integer":
            try:
                number = int(value)
            except (TypeError, ValueError):
                return Message("{label} harus bilangan bulat.", label=self.text())
            if self.minimum is not None and number < self.minimum:
                return Message("{label} paling kecil {n}.", label=self.text(), n=self.minimum)
            if self.maximum is not None and number > self.maximum:
                return Message("{label} paling besar {n}.", label=self.text(), n=self.maximum)
            return None
        if self.type == "date":
            if isinstance(value, _dt.date):
                return None
            try:
                _dt.date.fromisoformat(str(value))
            except ValueError:
                return Message("{label} bukan tanggal yang sah.", label=self.text())
            return None
        text = str(value)
        control = control_problem(self.text(), text, multiline=self.type == "multiline")
        if control:
            return control
        if self.max_length and len(text) > self.max_length:
            return Message("{label} paling banyak {n} karakter.", label=self.text(), n=self.max_length)
        if self.type == "select_one" and self.choices and text not in {c.value for c in self.choices}:
            return Message("Pilihan {label} tidak dikenal: {value}.", label=self.text(), value=text)
        check = self.check or (self.type if self.type in CHECKS else None)
        if check:
            reason = CHECKS[check](text)
            if reason:
                return reason
        if self.pattern and not re.fullmatch(self.pattern, text):
            msg = self.pattern_message.get(i18n.language()) or self.pattern_message.get("id")
            return Message(msg or "{label} tidak sesuai format.", label=self.text())
        return None


@dataclass(frozen=True)
class Form:
    name: str
    version: int
    title: dict[str, str]
    fields: tuple[Field, ...]

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def validate(self, values: dict[str, Any], only: list[str] | None = None) -> list[Problem]:
        problems = []
        for f in self.fields:
            if only is not None and f.name not in only:
                continue
            reason = f.problem(values.get(f.name))
            if reason:
                problems.append(Problem(f.name, reason, value=None if f.type == "password" else values.get(f.name)))
        return problems


def parse_form(data: dict) -> Form:
    fields = []
    for raw in data["fields"]:
        if raw["type"] not in TYPES:
            raise ValueError(f"form {data['form']}: jenis isian tidak dikenal {raw['type']!r}")
        fields.append(Field(
            name=raw["name"], type=raw["type"], label=_label(raw.get("label")), hint=_label(raw.get("hint")),
            required=bool(raw.get("required", False)), max_length=raw.get("max_length"),
            pattern=raw.get("pattern"), pattern_message=_label(raw.get("pattern_message")),
            check=raw.get("check"), minimum=raw.get("minimum"), maximum=raw.get("maximum"),
            choices=tuple(Choice(str(c["value"]), _label(c.get("label", c["value"]))) for c in raw.get("choices", [])),
        ))
    return Form(data["form"], int(data.get("version", 1)), _label(data.get("title")), tuple(fields))


@lru_cache(maxsize=None)
def load_form(name: str) -> Form:
    with open(forms_dir() / f"{name}.json", encoding="utf-8") as fh:
        return parse_form(json.load(fh))
