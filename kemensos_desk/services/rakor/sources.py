"""The capaian figures the Rakor draws on, taken from the SPM and dekon/TP modules' own services.

The Rakor never recomputes them: these functions call ``services.spm.achievement`` and
``services.dekon.summary`` and keep only the columns the material prints. Percentages are
turned into decimal text (``"87.50"``) so live figures and a frozen JSON snapshot read alike.
"""
from __future__ import annotations

import json
from decimal import Decimal

from kemensos_desk.services.workspace import Workspace

SPM_KEYS = ("code", "name", "entitled", "served", "recipient_pct", "quality_pct", "index", "band")
DEKON_KEYS = ("ro", "name", "source", "target_volume", "realised_volume", "unit", "physical_pct", "pagu", "spent",
              "financial_pct")


def plain(data):
    """Decimals as text, through JSON: the same shape whether live or read from a snapshot."""
    return json.loads(json.dumps(data, default=lambda v: str(v) if isinstance(v, Decimal) else v))


def spm_capaian(ws: Workspace, year: int) -> list[dict]:
    """Per SPM service of the office: the year's achievement; [] when the SPM module is absent."""
    try:
        from kemensos_desk.services.spm import achievement
    except ImportError:  # the module is optional in a build without SPM
        return []
    doc = achievement.achievement(ws, year)
    return plain([{k: s.get(k) for k in SPM_KEYS} for s in doc["services"]])


def dekon_capaian(ws: Workspace, year: int) -> dict:
    """Per RO: target/realised volume, physical %, pagu, spent, financial %; and the totals."""
    try:
        from kemensos_desk.services.dekon import summary
    except ImportError:
        return {"outputs": [], "totals": {"pagu": 0, "spent": 0, "financial_pct": None}}
    doc = summary.realisasi(ws, year)
    return plain({"outputs": [{k: o.get(k) for k in DEKON_KEYS} for o in doc["outputs"]], "totals": doc["totals"]})
