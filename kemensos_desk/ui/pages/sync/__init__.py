"""Sinkronisasi: make a bundle for the ministry, see which ones it confirmed, import receipts."""
from __future__ import annotations

from kemensos_desk.ui.pages.sync.page import SyncPage


def create_page(ctx):
    return SyncPage(ctx)
