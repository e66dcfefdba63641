"""Rules packs the office imported from the ministry (issue 12), kept forever for audit.

Every imported pack stays, so ``rules show --version V`` still answers after a newer one
arrived; the newest (by version, compared numerically) is handed to ``core.rules``.
"""
from __future__ import annotations

import datetime as _dt
import json

from sqlalchemy import Integer, String, Text, select
from sqlalchemy.orm import Mapped, mapped_column

from kemensos_desk.core import rules
from kemensos_desk.store.base import Base, utcnow
from kemensos_desk.store.registry import register


class RulesPack(Base):
    __tablename__ = "rules_pack"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[str] = mapped_column(String(20), unique=True)
    effective: Mapped[str] = mapped_column(String(10))  # ISO date
    note: Mapped[str] = mapped_column(Text, default="")
    files: Mapped[str] = mapped_column(Text)  # JSON {name: content}
    sha256: Mapped[str] = mapped_column(String(64))  # of the pack file as received
    key_id: Mapped[str | None] = mapped_column(String(64))  # the ministry key that signed it
    via: Mapped[str] = mapped_column(String(10), default="file")  # file | receipt
    imported_by: Mapped[str | None] = mapped_column(String(64))
    imported_at: Mapped[_dt.datetime] = mapped_column(default=utcnow)
    size: Mapped[int] = mapped_column(Integer, default=0)

    def rule_set(self) -> rules.RuleSet:
        return rules.RuleSet(self.version, self.effective, self.note, rules.SOURCE_MINISTRY, json.loads(self.files))


def newest_pack(session) -> RulesPack | None:
    packs = list(session.scalars(select(RulesPack)))
    return max(packs, key=lambda p: rules.version_key(p.version)) if packs else None


register("rules_packs", RulesPack, local=True)
