"""Bundle files on disk: atomic writes, and reading a bundle back from its file or parts."""
from __future__ import annotations

import contextlib
import os
from pathlib import Path

from kemensos_desk.core import bundle_format as bf
from kemensos_desk.core import bundle_schema
from kemensos_desk.core.errors import write_failed


def write_atomic(path: Path, data: bytes, mode: int | None = None) -> None:
    """Temp name, write, flush, fsync, rename: a stick pulled early leaves no half file.
    A full or read-only target raises ``EnvironmentProblem`` naming ``path`` (never the
    office store) and leaves no temp file."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        with open(tmp, "wb") as fh:
            if mode is not None:
                os.chmod(tmp, mode)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise write_failed(path, exc) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    try:
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError:  # some file systems (FAT sticks on Windows) refuse a directory fsync
        pass


def read_bundles(paths: list[Path]) -> list[tuple[str, bytes | None, str | None]]:
    """Every bundle in the given files and folders: (name, bytes, error reason).

    Parts are grouped by the bundle they name and joined; an incomplete set is an error.
    """
    files: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            files += sorted(f for f in p.iterdir() if f.is_file() and not f.name.startswith("."))
        else:
            files.append(p)
    out: list[tuple[str, bytes | None, str | None]] = []
    groups: dict[str, list[tuple[dict, bytes]]] = {}
    for f in files:
        try:
            if f.stat().st_size > bundle_schema.MAX_BUNDLE_BYTES:  # bounded before reading
                out.append((f.name, None, "Berkas terlalu besar untuk sebuah paket."))
                continue
            data = f.read_bytes()
        except OSError as exc:
            out.append((f.name, None, f"Berkas tidak terbaca: {exc.strerror or exc}"))
            continue
        if bf.is_part(data):
            try:
                header, piece = bf.read_part(data)
                groups.setdefault(header["bundle"], []).append((header, piece))
            except (bf.BundleFormatError, KeyError, TypeError) as exc:
                out.append((f.name, None, str(exc)))
            continue
        if f.suffix == bf.RECEIPT_SUFFIX:
            continue
        out.append((f.name, data, None))
    for name, parts in sorted(groups.items()):
        try:
            if sum(len(piece) for _, piece in parts) > bundle_schema.MAX_BUNDLE_BYTES:
                raise bf.BundleFormatError("Bagian-bagian paket terlalu besar untuk sebuah paket.")
            out.append((name, bf.join(parts), None))
        except (bf.BundleFormatError, KeyError, TypeError) as exc:
            out.append((name, None, str(exc)))
    return out
