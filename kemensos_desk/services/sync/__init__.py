"""Office side of the sync bundle: export, read-back verification, receipts (issue 7)."""
