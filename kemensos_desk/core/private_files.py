"""Owner-only files and folders: beneficiary data is personal data (UU 27/2022, DOMAIN §2.4).

On POSIX the data directory, its ``backups/`` and ``logs/`` are 0700 and the store, its
``-wal``/``-shm``, every backup, log and the ministry's SQLite database are 0600, whatever
the umask; files that already exist with wider permissions are narrowed when opened.
The program also runs under umask 077 (:func:`owner_only_umask`), so every file it writes
for the user (exports, reports, bundles) is the owner's alone. On Windows the data lives
in the per-user profile (``%LOCALAPPDATA%``), whose ACL already keeps other users out;
``chmod`` there only toggles the read-only flag, so these helpers do nothing.
"""
from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Iterator

FILE_MODE = 0o600
DIR_MODE = 0o700
POSIX = os.name == "posix"


def restrict(path: str | os.PathLike, mode: int = FILE_MODE) -> None:
    """Narrow an existing file or folder to ``mode`` (ignored when absent or not ours)."""
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, mode)


def private_dir(path: str | os.PathLike) -> Path:
    """Create ``path`` (and parents, with their usual mode) and make it owner-only."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    restrict(path, DIR_MODE)
    return path


def private_file(path: str | os.PathLike) -> Path:
    """Make sure ``path`` exists as an owner-only file before anyone (SQLite) creates it:
    SQLite gives the ``-wal`` and ``-shm`` files the mode of the database file."""
    path = Path(path)
    if POSIX:
        # Never open an existing file: closing any descriptor of a database file drops every
        # POSIX lock this process holds on it (SQLite's locks included); chmod opens nothing.
        if not path.exists():
            with contextlib.suppress(FileExistsError):
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
        restrict(path)
        for suffix in ("-wal", "-shm", "-journal"):
            restrict(f"{path}{suffix}")
    return path


@contextlib.contextmanager
def owner_only_umask() -> Iterator[None]:
    """Run the body with umask 077 (group and others get nothing), then put it back."""
    if not POSIX:
        yield
        return
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)
