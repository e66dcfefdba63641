"""Kemensos Desk: pelaporan Dinas Sosial ke Kementerian Sosial, luring (offline)."""

__version__ = "0.1.0"
APP_NAME = "Kemensos Desk"
