"""Writing files for the user through the documents framework's ``atomic_write`` (temp name
in the same folder, fsync, rename), with a clear message when the folder cannot be written."""
from __future__ import annotations

import shutil
from pathlib import Path

from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.documents.atomic import atomic_write
from kemensos_desk.documents.xlsx import neutralise_workbook


def write_atomic(path, writer) -> Path:
    """``writer(fileobj)`` fills a temp file beside ``path``, which then replaces ``path``."""
    path = Path(path)
    try:
        with atomic_write(path) as fh:
            writer(fh)
    except OSError as exc:
        raise EnvironmentProblem("Berkas {path} tidak dapat ditulis: {error}", path=str(path),
                                 error=exc.strerror or str(exc)) from exc
    return path


def save_workbook(wb, path) -> Path:
    neutralise_workbook(wb)  # no text cell may become a live formula
    return write_atomic(path, wb.save)


def copy_file(src, dest) -> Path:
    with open(src, "rb") as fin:
        return write_atomic(dest, lambda fout: shutil.copyfileobj(fin, fout))
