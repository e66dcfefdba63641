"""The whole Rakor material of a year as plain data: what the checklist, the PDF, the xlsx and
the approval snapshot are made of.

While the draft is open the figures are live (SPM and dekon/TP services, for year N−1);
once approved, the frozen snapshot is returned instead, so print and sync carry exactly
what the verifikator approved.
"""
from __future__ import annotations

import datetime as _dt
import json

from kemensos_desk.core import rakor as rules
from kemensos_desk.core.errors import Refused
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.rakor import drafts, sources
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.audit import log_event
from kemensos_desk.store.base import utcnow


def live(ws: Workspace, year: int) -> dict:
    """Everything the material shows, computed now."""
    with ws.store.session() as s:
        renstra = drafts.renstra_in(s, year)
        draft = drafts.draft_in(s, year)
    spm = sources.spm_capaian(ws, year - 1)
    dekon = sources.dekon_capaian(ws, year - 1)
    by_code = {row["code"]: row for row in spm}
    proposals = []
    for p in draft["proposals"]:
        gap = rules.gap_text(by_code.get(p["gap_service"])) if p.get("gap_service") else None
        proposals.append({**p, "total": rules.proposal_total(p["volume"], p["unit_cost"]), "gap_text": gap})
    return sources.plain({
        "year": year, "renstra": renstra, "dekon_narrative": draft["dekon_narrative"],
        "spm_narrative": draft["spm_narrative"], "dekon": dekon, "spm": spm, "proposals": proposals,
        "proposals_total": rules.proposals_total(proposals), "issues": draft["issues"],
    })


def material(ws: Workspace, year: int) -> dict:
    """The approved snapshot if there is one, else the live material; with status fields."""
    with ws.store.session() as s:
        row = drafts.draft_row(s, year)
        status = row.status if row else "draft"
        approved_by, approved_at = (row.approved_by, row.approved_at) if row else (None, None)
        snapshot = json.loads(row.snapshot) if row is not None and row.snapshot else None
    doc = snapshot if status == "approved" and snapshot else live(ws, year)
    return {**doc, "status": status, "approved_by": approved_by,
            "approved_at": approved_at.isoformat() if approved_at else None}


def checklist(doc: dict) -> list[rules.Completeness]:
    draft = {k: doc[k] for k in ("dekon_narrative", "spm_narrative", "proposals", "issues")}
    return rules.completeness(doc["year"], doc["renstra"], draft, doc["dekon"]["outputs"], doc["spm"])


def status(ws: Workspace, year: int, today: _dt.date | None = None) -> dict:
    """The ``rakor status --json`` document: completeness of each part, deadline, countdown."""
    today = today or _dt.date.today()
    doc = material(ws, year)
    parts = [c.as_dict() for c in checklist(doc)]
    return {"year": year, "status": doc["status"], "approved_by": doc["approved_by"], "approved_at": doc["approved_at"],
            "deadline": rules.deadline(year).isoformat(), "days_left": rules.days_left(year, today),
            "countdown": rules.countdown_text(year, today), "complete": all(p["complete"] for p in parts),
            "parts": parts}


def approve(ws: Workspace, actor: Actor, year: int) -> dict:
    """The verifikator approves the final version: every figure is frozen into the snapshot."""
    actor.require("data.approve")
    doc = live(ws, year)
    missing = [f"{c.title}: {m}" for c in checklist(doc) for m in c.missing]
    if missing:
        raise Refused("Bahan Rakor {year} belum lengkap: {missing}", year=year, missing="; ".join(missing))
    with ws.store.session(actor.username) as s:
        row = drafts.draft_row(s, year)
        if row is None:
            raise Refused("Belum ada bahan Rakor tahun {year}.", year=year)
        if row.status == "approved":
            raise Refused("Bahan Rakor {year} sudah disetujui.", year=year)
        row.status, row.approved_by, row.approved_at = "approved", actor.username, utcnow()
        row.snapshot = json.dumps(doc, ensure_ascii=False)
        log_event(s, "rakor_approve", f"Bahan Rakor {year} disetujui", entity="rakor_draft", entity_key=row.uuid)
    return material(ws, year)


def reopen(ws: Workspace, actor: Actor, year: int, reason: str) -> None:
    """An administrator reopens an approved draft; the snapshot is dropped, figures go live again."""
    actor.require("period.reopen")
    if not (reason or "").strip():
        raise Refused("Sebutkan alasan membuka kembali.")
    with ws.store.session(actor.username) as s:
        row = drafts.draft_row(s, year)
        if row is None or row.status != "approved":
            raise Refused("Bahan Rakor {year} belum disetujui.", year=year)
        row.status, row.approved_by, row.approved_at, row.snapshot = "draft", None, None, None
        log_event(s, "rakor_reopen", f"Bahan Rakor {year} dibuka kembali: {reason.strip()}", entity="rakor_draft",
                  entity_key=row.uuid)


