"""Five generated demo offices (``demo --size small``) through a PostgreSQL ministry: imports,
the completeness matrix with its gaps, receipts. The 30-office run lives in the benchmark."""
from __future__ import annotations

import pytest

from kemensos_desk.ministry import importer, recaps, receipts as mreceipts
from kemensos_desk.services import demo
from kemensos_desk.services.sync import receipts
from kemensos_desk.services.sync.export import pending_count
from kemensos_desk.services.workspace import Workspace

from test_sync_support import ADMIN, PASSWORD, export, ministry_for, postgres_url

REGIONS = ["32.10", "32.11", "32.12", "33.01", "73.71"]


@pytest.fixture(scope="module")
def offices(tmp_path_factory):
    root = tmp_path_factory.mktemp("kantor")
    made = []
    for code in REGIONS:
        ws = Workspace.open(root / code)
        demo.create_demo(ws, PASSWORD, year=2026, region_code=code, size="small")
        made.append(ws)
    yield made
    for ws in made:
        ws.close()


def test_five_demo_offices_on_postgresql(offices, request, tmp_path):
    store = ministry_for(postgres_url(request))
    request.addfinalizer(store.dispose)
    sent = {}
    for ws in offices[:-1]:  # the last office never sends
        sent[ws.office().region_code] = export(ws, tmp_path / "masuk")
    outcomes = importer.import_paths(store, [tmp_path / "masuk"])
    assert sorted(o.office for o in outcomes if o.status == "imported") == REGIONS[:-1]
    assert all(o.new == sum(sent[o.office].records.values()) for o in outcomes)
    assert {o.status for o in importer.import_paths(store, [tmp_path / "masuk"])} == {"unchanged"}

    matrix = recaps.completeness(store, 2026, expected=set(REGIONS))
    by_code = {o["code"]: o for p in matrix["provinces"] for o in p["offices"]}
    assert [p["code"] for p in matrix["provinces"]] == ["32", "33", "73"]
    assert all(q["status"] in ("missing", "pending") for q in by_code["73.71"]["quarters"])
    assert any(q["status"] in ("received", "late") for q in by_code["32.10"]["quarters"])

    for path in mreceipts.write_receipts(store, tmp_path / "tt"):
        ws = next(w for w in offices if w.office().region_code.replace(".", "") in path.name)
        assert receipts.import_receipt(ws, ADMIN, path)["confirmed"] == 1
        assert pending_count(ws) == 0


def test_ministry_demo_command_shows_silent_offices_and_lost_bundles(tmp_path, capsys):
    import json

    from kemensos_desk.cli.main import main

    db = str(tmp_path / "m.sqlite")
    assert main(["ministry", "demo", "--db", db, "--work-dir", str(tmp_path / "w"), "--offices", "3",
                 "--year", "2026", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert len(result["sent"]) == 2 and len(result["silent"]) == 1 and len(result["lost_bundle"]) == 1
    assert main(["ministry", "report", "--db", db, "--year", "2026", "--json"]) == 0
    matrix = json.loads(capsys.readouterr().out)["completeness"]
    offices = {o["code"]: o for p in matrix["provinces"] for o in p["offices"]}
    assert len(offices) == 3
    assert offices[result["lost_bundle"][0]]["sequence_gaps"]
    assert all(q["status"] in ("missing", "pending") for q in offices[result["silent"][0]]["quarters"])
