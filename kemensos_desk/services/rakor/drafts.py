"""Editing the Rakor material: the Renstra of a period, the yearly draft (narratives,
proposals, problems and recommendations). Saving is allowed until the verifikator approves;
each save is one transaction, and rows removed from a list are tombstoned, never deleted.
"""
from __future__ import annotations

import json

from sqlalchemy import select

from kemensos_desk.core import rakor as rules
from kemensos_desk.core.errors import Problem, Refused
from kemensos_desk.core.forms import load_form
from kemensos_desk.core.i18n import Message
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.workspace import Workspace
from kemensos_desk.store.base import utcnow
from kemensos_desk.store.models_rakor import RakorDraft, RakorIssue, RakorProposal, RakorRenstra

PROPOSAL_FIELDS = ("ro", "description", "volume", "unit", "unit_cost", "location", "priority", "justification",
                   "gap_service")
ISSUE_FIELDS = ("problem", "recommendation")


# ---- Renstra ---------------------------------------------------------------------------------

def _renstra_dict(r: RakorRenstra) -> dict:
    return {"uuid": r.uuid, "period_start": r.period_start, "period_end": r.period_end, "vision": r.vision,
            "missions": json.loads(r.missions or "[]"), "goals": json.loads(r.goals or "[]")}


def renstra_in(s, year: int) -> dict | None:
    """The Renstra whose period covers ``year`` (the newest if periods overlap)."""
    row = s.scalars(select(RakorRenstra).where(
        RakorRenstra.deleted_at.is_(None), RakorRenstra.period_start <= year, RakorRenstra.period_end >= year)
        .order_by(RakorRenstra.period_start.desc())).first()
    return _renstra_dict(row) if row else None


def renstra_for(ws: Workspace, year: int) -> dict | None:
    with ws.store.session() as s:
        return renstra_in(s, year)


def save_renstra(ws: Workspace, actor: Actor, period_start: int, period_end: int, vision: str,
                 missions: list[str], goals: list[dict]) -> dict:
    actor.require("data.edit")
    if not (2000 <= period_start <= period_end <= period_start + 5):
        raise Refused("Periode Renstra {a}–{b} tidak sah (paling lama lima tahun).", a=period_start, b=period_end)
    missions = [m.strip() for m in missions if str(m or "").strip()]
    goals = [{"goal": str(g.get("goal", "")).strip(),
              "targets": [{k: str(t.get(k, "") or "").strip() for k in ("target", "indicator", "unit", "baseline",
                                                                       "target_5y")} for t in g.get("targets", [])]}
             for g in goals if str(g.get("goal", "")).strip()]
    with ws.store.session(actor.username) as s:
        row = s.scalars(select(RakorRenstra).where(RakorRenstra.deleted_at.is_(None),
                                                   RakorRenstra.period_start == period_start)).first()
        if row is None:
            row = RakorRenstra(period_start=period_start, period_end=period_end)
            s.add(row)
        row.period_end = period_end
        row.vision = (vision or "").strip()
        row.missions = json.dumps(missions, ensure_ascii=False)
        row.goals = json.dumps(goals, ensure_ascii=False)
        s.flush()
        return _renstra_dict(row)


# ---- the yearly draft ------------------------------------------------------------------------

def draft_row(s, year: int) -> RakorDraft | None:
    return s.scalars(select(RakorDraft).where(RakorDraft.deleted_at.is_(None), RakorDraft.year == year)).first()


def _editable(s, year: int) -> RakorDraft:
    row = draft_row(s, year)
    if row is None:
        row = RakorDraft(year=year, status="draft")
        s.add(row)
        s.flush()
    elif row.status == "approved":
        raise Refused("Bahan Rakor {year} sudah disetujui; minta administrator membukanya kembali untuk diubah.",
                      year=year)
    return row


def _live(s, model, draft_id: int) -> list:
    return list(s.scalars(select(model).where(model.draft_id == draft_id, model.deleted_at.is_(None))
                          .order_by(model.seq, model.id)))


def draft_in(s, year: int) -> dict:
    """The draft as plain data (an empty one when nothing has been saved yet)."""
    row = draft_row(s, year)
    if row is None:
        return {"year": year, "status": "draft", "dekon_narrative": "", "spm_narrative": "", "proposals": [],
                "issues": [], "approved_by": None, "approved_at": None, "snapshot": None}
    proposals = [{"uuid": p.uuid, **{k: getattr(p, k) for k in PROPOSAL_FIELDS}, "total": p.total}
                 for p in _live(s, RakorProposal, row.id)]
    issues = [{"uuid": i.uuid, **{k: getattr(i, k) for k in ISSUE_FIELDS}} for i in _live(s, RakorIssue, row.id)]
    return {"year": year, "status": row.status, "dekon_narrative": row.dekon_narrative or "",
            "spm_narrative": row.spm_narrative or "", "proposals": proposals, "issues": issues,
            "approved_by": row.approved_by, "approved_at": row.approved_at,
            "snapshot": json.loads(row.snapshot) if row.snapshot else None}


def draft(ws: Workspace, year: int) -> dict:
    with ws.store.session() as s:
        return draft_in(s, year)


def save_narratives(ws: Workspace, actor: Actor, year: int, *, dekon: str | None = None, spm: str | None = None) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        row = _editable(s, year)
        if dekon is not None:
            row.dekon_narrative = dekon.strip()
        if spm is not None:
            row.spm_narrative = spm.strip()


def _check_proposal(n: int, p: dict) -> list[Problem]:
    """Types and bounds from ``forms/rakor_proposal.json``; emptiness is left to the checklist."""
    values = {**p, "priority": None if p.get("priority") in (None, "") else str(p.get("priority"))}
    problems = [Problem(pr.field, pr.message, n, None if pr.value is None else str(pr.value))
                for pr in load_form("rakor_proposal").validate(values)]
    for key in ("volume", "unit_cost"):  # a float or a bool would pass int() silently
        if isinstance(p.get(key), (float, bool)):
            problems.append(Problem(key, Message("Harus bilangan bulat tidak negatif."), n, str(p.get(key))))
    return problems


def _replace(s, model, draft_id: int, items: list[dict], fields: tuple[str, ...], extra=None) -> None:
    """Make the live rows equal to ``items``: matched by uuid, others added, the rest tombstoned."""
    existing = {r.uuid: r for r in _live(s, model, draft_id)}
    kept = set()
    for seq, item in enumerate(items, start=1):
        row = existing.get(item.get("uuid") or "")
        if row is None:
            row = model(draft_id=draft_id)
            s.add(row)
        else:
            kept.add(row.uuid)
        row.seq = seq
        for k in fields:
            value = item.get(k)
            setattr(row, k, value.strip() if isinstance(value, str) else value)
        if extra:
            extra(row)
    now = utcnow()
    for uuid, row in existing.items():
        if uuid not in kept:
            row.deleted_at = now


def _fill_total(row: RakorProposal) -> None:
    row.gap_service = row.gap_service or None
    row.priority = int(row.priority or 2)
    row.volume, row.unit_cost = int(row.volume or 0), int(row.unit_cost or 0)
    row.total = rules.proposal_total(row.volume, row.unit_cost)


def save_proposals(ws: Workspace, actor: Actor, year: int, proposals: list[dict]) -> None:
    """Replace the proposals for year+1; totals are computed here, never taken from the caller."""
    actor.require("data.edit")
    problems = [pr for n, p in enumerate(proposals, start=1) for pr in _check_proposal(n, p)]
    if problems:
        raise Refused("Usulan belum dapat disimpan.", problems=problems)
    with ws.store.session(actor.username) as s:
        row = _editable(s, year)
        items = [{**p, **{k: p.get(k) or "" for k in ("ro", "description", "unit", "location", "justification")}}
                 for p in proposals]
        _replace(s, RakorProposal, row.id, items, PROPOSAL_FIELDS, _fill_total)


def save_issues(ws: Workspace, actor: Actor, year: int, issues: list[dict]) -> None:
    actor.require("data.edit")
    with ws.store.session(actor.username) as s:
        row = _editable(s, year)
        items = [{k: i.get(k) or "" for k in ("uuid",) + ISSUE_FIELDS} for i in issues]
        _replace(s, RakorIssue, row.id, items, ISSUE_FIELDS)
