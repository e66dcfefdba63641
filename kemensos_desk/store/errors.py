"""Turn database and file-system failures into clear Indonesian messages (exit code 3)."""
from __future__ import annotations

import errno
import os

from sqlalchemy.exc import DBAPIError, OperationalError

from kemensos_desk.core.errors import EnvironmentProblem
from kemensos_desk.store.connect import db_errors


def _folder(where: str) -> str:
    return where if os.path.isdir(where) else os.path.dirname(where) or "."


def _nearly_full(where: str, margin: int = 1024 * 1024) -> bool:
    """Less than ``margin`` bytes free where the store lives."""
    try:
        st = os.statvfs(_folder(where))
    except (OSError, AttributeError):  # statvfs is POSIX only
        return False
    return st.f_bavail * st.f_frsize < margin


def _writable(where: str) -> bool:
    return os.access(_folder(where), os.W_OK)


def environment_problem(exc: BaseException, where: str = "") -> EnvironmentProblem | None:
    """The user-facing problem behind ``exc``, or None when it is not an environment failure."""
    if isinstance(exc, EnvironmentProblem):
        return exc
    if isinstance(exc, DBAPIError) and exc.orig is not None:
        exc = exc.orig
    text = str(exc).lower()
    if isinstance(exc, OSError) and not isinstance(exc, db_errors()):
        if exc.errno == errno.ENOSPC:
            return EnvironmentProblem("Disk penuh: tidak ada ruang untuk menulis di {where}. Kosongkan disk lalu coba lagi.", where=where)
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return EnvironmentProblem(
                "Folder data {where} tidak bisa ditulis (hanya-baca atau tanpa izin). Pilih folder lain dengan --data-dir atau perbaiki izinnya.",
                where=where)
        return None
    if not isinstance(exc, db_errors() + (OperationalError,)):
        return None
    if "locked" in text or "busy" in text:
        return EnvironmentProblem(
            "Basis data {where} sedang dikunci oleh program lain. Tutup program itu (atau jendela Kemensos Desk lain) lalu coba lagi.",
            where=where)
    if "full" in text:
        return EnvironmentProblem("Disk penuh: tidak ada ruang untuk menulis di {where}. Kosongkan disk lalu coba lagi.", where=where)
    if "disk i/o" in text and _nearly_full(where):
        # SQLite reports a full disk met while growing the WAL or its index as a plain I/O error.
        return EnvironmentProblem("Disk penuh: tidak ada ruang untuk menulis di {where}. Kosongkan disk lalu coba lagi.", where=where)
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return EnvironmentProblem(
            "Folder data {where} tidak bisa ditulis (hanya-baca atau tanpa izin). Pilih folder lain dengan --data-dir atau perbaiki izinnya.",
            where=where)
    if "disk i/o" in text:
        if not _writable(where):
            return EnvironmentProblem(
                "Folder data {where} tidak bisa ditulis (hanya-baca atau tanpa izin). Pilih folder lain dengan --data-dir atau perbaiki izinnya.",
                where=where)
        return EnvironmentProblem(
            "Basis data {where} tidak bisa dibaca atau ditulis (galat masukan/keluaran disk). Periksa disk lalu coba lagi.",
            where=where)
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return EnvironmentProblem(
            "Berkas basis data {where} rusak. Pulihkan dari cadangan dengan 'kemensos-desk restore BERKAS'; cadangan otomatis ada di folder backups.",
            where=where)
    return None
