"""Rules packs the ministry issues (issue 12): export, the list issued, the pack for receipts.

The ministry's current rules are its newest issued pack or this release's built-in rules,
whichever is newer. An export starts from them, takes edited reference files from
``--from DIR`` (files that are not rules are ignored) and gets a version greater than every
version issued or built in: ``YEAR.N``, N one more than the highest of the year, so two
exports on the same day get 2026.3 and 2026.4.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
from pathlib import Path

from sqlalchemy import select

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import rules
from kemensos_desk.core.errors import Refused
from kemensos_desk.ministry.models import MinistryRulesPack
from kemensos_desk.ministry.store import MinistryStore
from kemensos_desk.services import rules_check, rules_format
from kemensos_desk.services.sync import files as sync_files
from kemensos_desk.store.base import utcnow

MAX_REFERENCE_BYTES = 4 * 1024 * 1024


def _packs(store: MinistryStore) -> list[MinistryRulesPack]:
    with store.session() as s:
        rows = list(s.scalars(select(MinistryRulesPack)))
    return sorted(rows, key=lambda r: rules.version_key(r.version))


def current(store: MinistryStore) -> rules.RuleSet:
    packs = _packs(store)
    base = rules.built_in()
    if packs and rules.newer(packs[-1].version, base.version):
        body, _ = rules_format.read_pack(packs[-1].pack)
        return rules_format.check_header(body)
    return base


def current_pack(store: MinistryStore) -> bytes | None:
    """The signed file of the newest pack issued, when it is newer than the built-in rules."""
    packs = _packs(store)
    if packs and rules.newer(packs[-1].version, rules.built_in().version):
        return packs[-1].pack
    return None


def next_version(store: MinistryStore, today: _dt.date | None = None) -> str:
    versions = [rules.version_key(p.version) for p in _packs(store)] + [rules.version_key(rules.built_in().version)]
    year = (today or _dt.date.today()).year
    top = max(versions)
    if top[0] < year:
        return f"{year}.1"
    same_year = max(v[1] if len(v) > 1 else 0 for v in versions if v[0] == top[0])
    return f"{top[0]}.{same_year + 1}"


def _read_dir(folder: Path) -> dict:
    if not folder.is_dir():
        raise Refused("Folder {path} tidak ada.", path=str(folder))
    found = {}
    for name in rules.rule_files():  # only rules: settings.json, roles.json and the like are ignored
        path = folder / f"{name}.json"
        if not path.exists():
            continue
        if path.stat().st_size > MAX_REFERENCE_BYTES:
            raise Refused("Berkas {path} terlalu besar untuk berkas aturan.", path=str(path))
        try:
            found[name] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise Refused("Berkas {path} tidak terbaca sebagai JSON: {error}", path=str(path), error=str(exc)) from None
    return found


def export(store: MinistryStore, out: Path, from_dir: Path | None = None, note: str | None = None,
           effective: str | None = None, issued_by: str | None = None) -> dict:
    base = current(store)
    files = copy.deepcopy(base.files)
    changed = _read_dir(Path(from_dir)) if from_dir else {}
    files.update(changed)
    version = next_version(store)
    effective = effective or _dt.date.today().isoformat()
    note = (note or "").strip() or (f"Perubahan berkas: {', '.join(sorted(changed))}." if changed
                                    else "Aturan kementerian yang berlaku, tanpa perubahan.")
    body = {"version": version, "effective": effective, "note": note, "files": files}
    rules_format.check_header(body)
    rules_check.check_files(files)
    data = rules_format.make_pack(store.keys(), version, effective, note, files)
    with store.session() as s:
        s.add(MinistryRulesPack(version=version, effective=effective, note=note, pack=data,
                                sha256=bf.sha256_hex(data), issued_by=issued_by, issued_at=utcnow()))
        s.flush()
        sync_files.write_atomic(Path(out), data)  # inside the transaction: no file without its row
    return {"version": version, "effective": effective, "note": note, "file": str(out), "size": len(data),
            "changed": sorted(changed), "previous_version": base.version}


def issued(store: MinistryStore) -> dict:
    """``ministry rules show --json``: the rules in force and every version issued."""
    now = current(store)
    return {"version": now.version, "effective": now.effective, "source": now.source,
            "built_in_version": rules.built_in().version,
            "issued": [{"version": p.version, "effective": p.effective, "note": p.note, "sha256": p.sha256,
                        "issued_by": p.issued_by, "issued_at": p.issued_at} for p in reversed(_packs(store))]}
