"""Words for the codes the store keeps, in one place: SPM services and components (from the
rules in force, ``spm_services.json``), and the audit log's kinds, actions and field names
(``db/reference/labels.json``). Screens, printed pages, workbooks and the CLI show these words,
never the codes ("lansia" -> "Lanjut usia telantar", "rakor_issue" -> "Permasalahan Rakor").
A code without words is shown as given, so new data never disappears from a screen.
"""
from __future__ import annotations

from kemensos_desk.core import rules
from kemensos_desk.core.i18n import tr


@rules.cached
def _spm() -> tuple[dict[str, str], dict[str, str]]:
    data = rules.reference("spm_services")
    services = {s["code"]: s.get("target_group") or s["name"] for s in data["services"]}
    components = {code: c["name"] for code, c in data.get("components", {}).items()}
    return services, components


@rules.cached
def _table() -> dict:
    return rules.reference("labels")


def service(code: str | None) -> str:
    """``"lansia"`` -> ``"Lanjut usia telantar"``: the target group, short enough for a column
    (the whole name depends on the office's level: ``services.spm.reference``)."""
    if not code:
        return ""
    return _spm()[0].get(code, code)


def component(code: str | None) -> str:
    """``"kelompok_rentan"`` -> ``"Penanganan khusus bagi kelompok rentan"``."""
    if not code:
        return ""
    return _spm()[1].get(code, code)


def entity(kind: str | None) -> str:
    """An audit log's kind of record: ``"rakor_issue"`` -> ``"Permasalahan Rakor"``."""
    if not kind:
        return ""
    word = _table()["entities"].get(kind)
    return tr(word) if word else kind


def action(code: str | None) -> str:
    if not code:
        return ""
    word = _table()["actions"].get(code)
    return tr(word) if word else code


def field(name: str | None) -> str:
    """A field (column, form field): ``"password"`` -> ``"Kata sandi"``; unknown ones lose their underscores."""
    if not name:
        return ""
    word = _table()["fields"].get(name)
    return tr(word) if word else name.replace("_", " ")


def subject(values: dict | None) -> str:
    """What a record is, in its own words (a name, an RO, a problem), for an audit line: the first
    field that says so; never the record's internal id."""
    for key in _table()["subject_fields"]:
        value = (values or {}).get(key)
        if value not in (None, ""):
            text = str(value)
            if key == "service_code":
                text = service(text)
            return text if len(text) <= 60 else text[:57] + "…"
    return ""


def is_internal_id(text: str | None) -> bool:
    """A UUID or a bare row number: nothing a person can read."""
    if not text:
        return False
    t = str(text)
    return t.isdigit() or (len(t) == 36 and t.count("-") == 4)


def codes_named(table: str, text: str) -> list[str]:
    """The codes of ``table`` ("entities", "actions") whose words contain ``text``: a search
    typed in words ("rakor") finds records stored under their codes."""
    needle = text.strip().lower()
    return [code for code, word in _table()[table].items() if needle and (needle in word.lower()
                                                                          or needle in tr(word).lower())]
