"""Kemensos Desk: pelaporan Dinas Sosial ke Kementerian Sosial, luring (offline)."""

APP_NAME = "Kemensos Desk"


def __getattr__(name: str):
    # ``__version__`` comes from pyproject.toml (kemensos_desk/version.py), read when first asked.
    if name == "__version__":
        from kemensos_desk.version import app_version

        return app_version()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
