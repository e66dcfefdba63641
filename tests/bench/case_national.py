"""national import: the quarterly bundles of 552 offices (38 provinces + 514 kabupaten/kota)
into an empty SQLite ministry store, against the sum of their raw inserts (``executemany``
of the same rows, one transaction per bundle).

Making 2,208 real exports would take longer than the whole bench, so one demo office
(``demo --size small``: about 200 people, 3,700 deliveries, dekon RO allocations and
realisations, Rakor) exports once; its payload, split by quarter (deliveries by date,
everything else in Q1), is sealed for every office with a signing key of its own and a
manifest like ``export_bundle`` writes (sequence, previous hash). Only the import is timed.
The bundles are cached under /tmp by seed and office count.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
import uuid as _uuid
import zlib
from pathlib import Path

from kemensos_desk.core.formatting import angka
from tests.bench import data, harness

KEY_FILE = harness.ROOT / "resources" / "keys" / "demo-ministry.key"


def office_codes(count: int) -> list[tuple[str, str, str]]:
    from kemensos_desk.core import regions

    out = []
    for p in regions.provinces():
        out.append((p.code, "provinsi", f"Dinas Sosial Provinsi {p.name}"))
        for k in regions.kabkota(p.code):
            out.append((k.code, "kabupaten", f"Dinas Sosial {k.name}"))
    out.sort(key=lambda o: (o[1] != "provinsi", o[0]))  # a quick run still has both levels
    return out[:count]


def _template_payload(work: Path) -> tuple[dict, dict]:
    """(manifest, payload) of the demo office's full bundle, decrypted with the demo key."""
    from kemensos_desk.core import bundle_format as bf
    from kemensos_desk.services import demo
    from kemensos_desk.services.auth import Actor
    from kemensos_desk.services.sync import crypto
    from kemensos_desk.services.sync.export import export_bundle
    from kemensos_desk.services.workspace import Workspace

    ws = Workspace.open(work / "kantor-contoh")
    try:
        demo.create_demo(ws, data.PASSWORD, year=data.YEAR, size="small")
        result = export_bundle(ws, Actor("admin", "Administrator Contoh", "administrator"), work / "contoh",
                               full=True, max_part_bytes=2**40)
    finally:
        ws.close()
    container = bf.unpack(result.files[0].read_bytes())
    m = container.manifest
    keys = crypto.MinistryKeys.from_json(crypto.read_json_file(KEY_FILE, "kunci"))
    plain = crypto.open_sealed(keys.x25519, container.envelope,
                               crypto.envelope_aad(m["office_code"], m["device_id"], m["sequence"]))
    return m, json.loads(zlib.decompress(plain))


def _quarters(payload: dict) -> list[dict]:
    parts = [{"records": {}, "summaries": payload.get("summaries", {}), "attachments": {}} for _ in range(4)]
    parts[0]["attachments"] = payload.get("attachments", {})
    for kind, rows in payload["records"].items():
        for q in range(4):
            parts[q]["records"][kind] = []
        for row in rows:
            day = row["data"].get("delivered_on") if kind == "spm_deliveries" else None
            q = (int(day[5:7]) - 1) // 3 if day else 0
            parts[q]["records"][kind].append(row)
    return parts


def _seal(template: dict, parts: list[dict], code: str, level: str, name: str, out: Path) -> None:
    from kemensos_desk.core import bundle_format as bf
    from kemensos_desk.services.sync import crypto

    ministry = crypto.demo_public()
    signing = crypto.new_signing_key()
    office_pub = crypto.public_raw(signing)
    device, office_id, previous = str(_uuid.uuid4()), str(_uuid.uuid4()), None
    for seq, payload in enumerate(parts, start=1):
        plaintext = zlib.compress(bf.canonical_json(payload), 6)
        envelope = crypto.seal(ministry.x25519, plaintext, crypto.envelope_aad(code, device, seq))
        created = _dt.datetime(data.YEAR, 3 * seq, 28, 9, 0)
        manifest = dict(template, office_id=office_id, office_code=code, office_name=name, level=level,
                        region_code=code, device_id=device, sequence=seq, previous_hash=previous,
                        created_at=created.isoformat() + "Z", full=seq == 1,
                        counts={k: len(v) for k, v in payload["records"].items()},
                        payload_hash=bf.sha256_hex(envelope), payload_size=len(envelope),
                        recipient_key_id=ministry.key_id, office_key=crypto.b64(office_pub))
        blob = bf.pack(manifest, crypto.sign(signing, bf.signed_part(manifest)), envelope)
        (out / bf.bundle_name(code, device, seq)).write_bytes(blob)
        previous = bf.sha256_hex(blob)


def bundles(count: int) -> tuple[Path, list[dict]]:
    """The folder of the 4 × ``count`` bundles (cached) and the quarter payloads."""
    data.CACHE.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f"national-n{count}.", dir=data.CACHE))
    try:
        template, payload = _template_payload(work)
        parts = _quarters(payload)
        # The cached bundles must hold what the demo makes today: the key carries the schema
        # and the record count of every kind (a demo that grew once met stale bundles here).
        shape = json.dumps(sorted((k, len(v)) for p in parts for k, v in p["records"].items()))
        digest = hashlib.sha256(f"{data._schema_key()}|{shape}".encode()).hexdigest()[:10]
        final = data.CACHE / f"national-v2-s{data.SEED}-n{count}-{digest}"
        if not final.exists():
            out = work / "bundles"
            out.mkdir()
            for code, level, name in office_codes(count):
                _seal(template, parts, code, level, name, out)
            os.replace(out, final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return final, parts


def ours(url: str, folder: Path):
    from kemensos_desk.ministry import importer, store as mstore

    mstore.init(url, KEY_FILE)
    store = mstore.open_store(url)
    try:
        return importer.import_paths(store, [folder])
    finally:
        store.dispose()


def baseline(db: Path, offices: list[tuple[str, str, str]], parts: list[dict]) -> int:
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE record (office TEXT, kind TEXT, uuid TEXT, revision INTEGER, data TEXT, "
                 "PRIMARY KEY (office, kind, uuid))")
    for code, _level, _name in offices:
        for payload in parts:
            with conn:
                conn.executemany("INSERT INTO record VALUES (?, ?, ?, ?, ?)", [
                    (code, kind, r["uuid"], r["revision"], json.dumps(r["data"], sort_keys=True))
                    for kind, rows in payload["records"].items() for r in rows])
    n = conn.execute("SELECT COUNT(*) FROM record").fetchone()[0]
    conn.close()
    return n


@harness.case("national import")
def national(bench: harness.Bench) -> list[harness.Result]:
    count = bench.size(552, 3)
    folder, parts = bundles(count)
    work = bench.dir("national")
    offices = office_codes(count)
    base, base_n = harness.timed(baseline, work / "baseline.sqlite", offices, parts)
    value, outcomes = harness.timed(ours, str(work / "kementerian.sqlite"), folder)
    bad = [(o.file, o.status, o.reason) for o in outcomes if o.status != "imported"]
    assert not bad, bad[:3]
    assert len(outcomes) == 4 * count and sum(o.new for o in outcomes) == base_n, (len(outcomes), base_n)
    r = harness.ratio(value, base)
    records = sum(len(rows) for p in parts for rows in p["records"].values())
    return [harness.result("national import", value, base, "≤ 3× dan < 1 menit", r <= 3 and value < 60,
                           note=f"{count} kantor × 4 paket, {angka(records)} rekaman per kantor")]
