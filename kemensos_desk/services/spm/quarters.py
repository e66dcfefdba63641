"""SPM quarter approval: the verifikator approves a quarter (all services at once) and it is
locked, its figures frozen (services/spm/frozen.py); an administrator may reopen it, with a reason (rules in services/quarter_approval.py).
"""
from __future__ import annotations

from kemensos_desk.store.models_spm import SpmQuarterApproval
from kemensos_desk.services.quarter_approval import QuarterApprovals
from kemensos_desk.services.spm import frozen

_approvals = QuarterApprovals(SpmQuarterApproval, "SPM", "spm_quarter_approval")



def approve_in(session, username: str, year: int, quarter: int):
    """Approve and lock the quarter, freezing its figures with the rules version in force."""
    row = _approvals.approve_in(session, username, year, quarter)
    session.flush()
    frozen.freeze(session, row)
    return row


def approve(ws, actor, year: int, quarter: int, today=None) -> None:
    actor.require("data.approve")
    _approvals.check(year, quarter, today)
    with ws.store.session(actor.username) as s:
        approve_in(s, actor.username, year, quarter)


reopen = _approvals.reopen
status = _approvals.status
