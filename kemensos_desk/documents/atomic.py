"""Write a user's file all-or-nothing: temp name in the target folder, flush, fsync, rename.

A half-written report must never replace a good one (power cuts are common in
regional offices), so every PDF and workbook goes through :func:`atomic_write`::

    with atomic_write(path) as fh:      # fh is a binary file
        fh.write(data)

On an exception the temp file is removed and the target is left untouched.
"""
from __future__ import annotations

import contextlib
import functools
import os
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterator

from kemensos_desk.core.errors import write_failed


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A full stick, a read-only folder or a pulled drive raise ``EnvironmentProblem`` (exit
    3) naming ``path``; the temp file is gone either way."""
    target = Path(path)
    tmp = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        # mkstemp makes the file private (0600); a report should get the usual permissions
        with contextlib.suppress(OSError):
            os.chmod(tmp, target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise write_failed(target, exc) from exc
        raise
    _fsync_dir(target.parent)


@functools.lru_cache(maxsize=1)
def _umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it
    os.umask(mask)
    return mask


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX only; Windows has no directory handles)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
