"""Ministry mode: import office bundles into one SQLAlchemy store, recaps, receipts (issue 7)."""
