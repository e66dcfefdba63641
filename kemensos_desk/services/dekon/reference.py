"""The dekon reference data (``dekon.json`` of the rules in force): units, PSKS categories, statuses."""
from __future__ import annotations

from kemensos_desk.core import rules


def data() -> dict:
    return rules.reference("dekon")


def units() -> list[str]:
    return list(data()["units"])


def psks_categories() -> dict[str, str]:
    return {c["code"]: c["name"] for c in data()["psks_categories"]}


def problem_statuses() -> dict[str, str]:
    return {c["code"]: c["name"] for c in data()["problem_statuses"]}


def follow_up_statuses() -> dict[str, str]:
    return {c["code"]: c["name"] for c in data()["follow_up_statuses"]}


def source_name(code: str, lang: str = "id") -> str:
    return data()["sources"].get(code, {}).get(lang, code)


def attachment_limit_bytes() -> int:
    return int(data()["attachments"]["max_size_mb"]) * 1024 * 1024


def attachment_extensions() -> list[str]:
    return list(data()["attachments"]["extensions"])


def late_threshold_pct() -> int:
    return int(data().get("late_threshold_pct", 100))
