"""Errors a user may meet, each with an Indonesian message and the CLI exit code.

The exit codes are a public contract (foundation issue): 1 input refused, 2 usage,
3 environment (database corrupt or locked, disk full, data directory read-only),
4 login or role refused.
"""
from __future__ import annotations

from dataclasses import dataclass

from kemensos_desk.core.i18n import Message


class KemensosError(Exception):
    exit_code = 1

    def __init__(self, text: str, /, **params):
        self.message = Message(text, **params)
        super().__init__(text)

    def __str__(self) -> str:
        return str(self.message)


@dataclass
class Problem:
    """One reason an input was refused; ``field`` names the form field or column."""

    field: str
    message: Message
    row: int | None = None
    value: str | None = None
    label: str | None = None  # the column or field as the user sees it ("Harga satuan"), when known

    def __str__(self) -> str:
        where = f"baris {self.row}, " if self.row is not None else ""
        return f"{where}{self.label or self.field}: {self.message}"


class Refused(KemensosError):
    """The input was refused; nothing was written."""

    exit_code = 1

    def __init__(self, text: str, /, problems: list[Problem] | None = None, **params):
        super().__init__(text, **params)
        self.problems = problems or []


class UsageError(KemensosError):
    exit_code = 2


class EnvironmentProblem(KemensosError):
    """The machine or the database file is in a state we cannot work in."""

    exit_code = 3


class AccessDenied(KemensosError):
    exit_code = 4


def write_failed(target, exc: BaseException) -> EnvironmentProblem:
    """A file we were writing for the user could not be written: name that file and why,
    never the office store (a full USB stick is not a damaged database)."""
    import errno

    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC or code == getattr(errno, "EDQUOT", -1) or "disk is full" in str(exc):
        why = Message("disk atau flashdisk penuh; kosongkan ruang atau pilih tempat lain")
    elif code == errno.EROFS:
        why = Message("media itu hanya dapat dibaca (read-only); pilih tempat lain")
    elif code in (errno.EACCES, errno.EPERM):
        why = Message("tidak ada izin menulis di folder itu; pilih tempat lain")
    elif code == errno.ENOENT:
        why = Message("folder tujuannya tidak ada atau flashdisk telah dicabut")
    else:
        why = getattr(exc, "strerror", None) or str(exc)
    return EnvironmentProblem("Berkas {file} tidak dapat ditulis: {why}. Tidak ada berkas setengah jadi yang tertinggal.",
                              file=str(target), why=why)
