"""Participants (NIK, PSKS category), problems with follow-ups, attachments (copied with
their sha256 under attachments/, size-capped) and the lock on all of them."""
from __future__ import annotations

import hashlib

import pytest

from kemensos_desk.core.errors import Refused
from kemensos_desk.services.dekon import activity, approval, attachments, reference
from test_dekon_support import ADMIN, TODAY, VERIFIKATOR, YEAR, office_with_allocations

RO = "6288.QDB.001"
NIK = "3210014503850001"  # Kec. 32.10.01, born 5 March 1985, female


def test_participants_checked_against_reference_and_nik(tmp_path):
    ws = office_with_allocations(tmp_path)
    activity.add_participant(ws, ADMIN, YEAR, RO, 3, "Euis Rahayu", NIK, "tksk", "32.10.01", today=TODAY)
    assert activity.participants(ws, YEAR, RO)[0]["psks_category"] == "tksk"
    with pytest.raises(Refused, match="sudah tercatat"):
        activity.add_participant(ws, ADMIN, YEAR, RO, 3, "Euis R.", NIK, "tksk", today=TODAY)
    with pytest.raises(Refused, match="Kategori PSKS"):
        activity.add_participant(ws, ADMIN, YEAR, RO, 3, "Asep", "3210010503850002", "pejabat", today=TODAY)
    with pytest.raises(Refused, match="NIK"):
        activity.add_participant(ws, ADMIN, YEAR, RO, 3, "Asep", "32100105", "psm", today=TODAY)
    assert {"psm", "tksk", "karang_taruna", "lk3", "wksbm"} <= set(reference.psks_categories())


def test_problems_and_follow_ups(tmp_path):
    ws = office_with_allocations(tmp_path)
    pid = activity.add_problem(ws, ADMIN, YEAR, RO, 4, "Peserta dari kecamatan terpencil terlambat datang", today=TODAY)
    activity.add_follow_up(ws, ADMIN, pid, 5, "Penjemputan bersama TKSK", "selesai", problem_status="selesai", today=TODAY)
    (p,) = activity.problems(ws, YEAR)
    assert p["status"] == "selesai" and p["follow_ups"][0]["action"] == "Penjemputan bersama TKSK"
    assert activity.problems(ws, YEAR, upto_month=3) == []
    with pytest.raises(Refused, match="Status"):
        activity.add_problem(ws, ADMIN, YEAR, RO, 4, "x", status="hilang", today=TODAY)


def test_attachments_hashed_capped_and_locked(tmp_path):
    ws = office_with_allocations(tmp_path)
    photo = tmp_path / "foto bimtek.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"0" * 1000)
    att = attachments.add(ws, ADMIN, YEAR, RO, 2, photo, "Pembukaan bimtek", today=TODAY)
    stored = ws.data_dir / att.stored_path
    assert stored.read_bytes() == photo.read_bytes()
    assert att.sha256 == hashlib.sha256(photo.read_bytes()).hexdigest() and att.stored_path.startswith("attachments/")
    program = tmp_path / "x.exe"
    program.write_bytes(b"MZ")
    with pytest.raises(Refused, match="tidak diterima"):
        attachments.add(ws, ADMIN, YEAR, RO, 2, program, today=TODAY)
    big = tmp_path / "besar.pdf"
    with open(big, "wb") as fh:
        fh.truncate(reference.attachment_limit_bytes() + 1)
    with pytest.raises(Refused, match="melebihi batas"):
        attachments.add(ws, ADMIN, YEAR, RO, 2, big, today=TODAY)
    approval.approve(ws, VERIFIKATOR, YEAR, 1)
    with pytest.raises(Refused, match="dikunci"):
        attachments.add(ws, ADMIN, YEAR, RO, 2, photo, today=TODAY)
    with pytest.raises(Refused, match="dikunci"):
        activity.add_problem(ws, ADMIN, YEAR, RO, 1, "terlambat", today=TODAY)
