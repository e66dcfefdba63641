"""SPM quarter approval: the verifikator approves a quarter (all services at once) and it is
locked; an administrator may reopen it, with a reason (rules in services/quarter_approval.py).
"""
from __future__ import annotations

from kemensos_desk.store.models_spm import SpmQuarterApproval
from kemensos_desk.services.quarter_approval import QuarterApprovals

_approvals = QuarterApprovals(SpmQuarterApproval, "SPM", "spm_quarter_approval")

approve_in = _approvals.approve_in
approve = _approvals.approve
reopen = _approvals.reopen
status = _approvals.status
