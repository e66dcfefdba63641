"""Which quarters a bundle approves, read generically from the records it carries.

The ministry does not know the SPM or dekon models: a record counts as a quarter's
approval when its columns name a year and a quarter and show an approval — a ``status`` of approved / disetujui / final
(``reopened`` is not), or, without a status, a non-empty ``approved_at``.
Deleted records approve nothing.
"""
from __future__ import annotations

YEAR_KEYS = ("year", "tahun")
QUARTER_KEYS = ("quarter", "triwulan")
APPROVED_AT_KEYS = ("approved_at", "disetujui_pada", "approved_on")
APPROVED_STATUS = {"approved", "disetujui", "final", "locked"}


def _first(data: dict, keys: tuple[str, ...]):
    for key in keys:
        if data.get(key) is not None:
            return data[key]
    return None


def is_approval(data: dict) -> bool:
    status = data.get("status")
    if isinstance(status, str) and status:  # a reopened quarter keeps its old approved_at
        return status.lower() in APPROVED_STATUS
    return bool(_first(data, APPROVED_AT_KEYS))


def approved_quarters(records: dict) -> set[tuple[int, int]]:
    found = set()
    for rows in records.values():
        for row in rows:
            data = row.get("data") or {}
            # Most rows name no year at all: that cheap test first (a bundle may carry a million rows).
            if data.get("year") is None and data.get("tahun") is None:
                continue
            if row.get("deleted") or not is_approval(data):
                continue
            year = _first(data, YEAR_KEYS)
            quarter = _first(data, QUARTER_KEYS)
            try:
                year, quarter = int(year), int(quarter)
            except (TypeError, ValueError):
                continue
            if 1 <= quarter <= 4 and 2000 <= year <= 2100:
                found.add((year, quarter))
    return found
