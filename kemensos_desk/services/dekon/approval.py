"""Dekon/TP quarter approval: the verifikator approves a quarter and its months are locked;
an administrator may reopen it with a reason (rules in services/quarter_approval.py).
"""
from __future__ import annotations

from kemensos_desk.store.models_dekon import DekonQuarterApproval
from kemensos_desk.services.dekon import common
from kemensos_desk.services.quarter_approval import QuarterApprovals

_approvals = QuarterApprovals(DekonQuarterApproval, "Dekon/TP", "dekon_quarter_approval", check_year=common.check_year)

approve_in = _approvals.approve_in
approve = _approvals.approve
reopen = _approvals.reopen
status = _approvals.status
