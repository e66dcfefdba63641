"""The campaign's hostile bundle files (issue 13), made on demand; no tests here.

``python tests/fault/hostile.py --measure`` writes them, then imports each one in a fresh
process (``ministry import``) and prints its peak memory and wall time.
"""
from __future__ import annotations

import json
import struct
import sys
import zlib
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

from bundle_forge import forge, resign, row  # noqa: E402
from kemensos_desk.core import bundle_format as bf  # noqa: E402
from kemensos_desk.services.sync import crypto  # noqa: E402

MIB = 1024 * 1024


def zeros_deflated(size: int) -> bytes:
    """``size`` zero bytes, deflated, without ever holding them (a zlib bomb)."""
    z, chunk, out = zlib.compressobj(9), bytes(MIB), []
    for _ in range(size // MIB):
        out.append(z.compress(chunk))
    out.append(z.flush())
    return b"".join(out)


def deep(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def json_bomb(n: int) -> bytes:
    """Valid JSON with ``n`` empty objects in one kind: cheap to send, dear to parse."""
    return b'{"attachments":{},"records":{"x":[' + b",".join([b"{}"] * n) + b']},"summaries":{}}'


def make_all(out: Path, ministry: crypto.MinistryPublic, office_key, *, bomb_bytes: int = 1024 * MIB,
             code: str = "32.10", demo: bool = True) -> dict[str, Path]:
    """Every kind of hostile file, as a registered (demo) office ``office_key`` would sign it."""
    out.mkdir(parents=True, exist_ok=True)
    made: dict[str, Path] = {}

    def put(name: str, data: bytes) -> None:
        (out / name).write_bytes(data)
        made[name] = out / name

    good = forge(ministry, office_key, code=code, demo=demo, sequence=1)
    header = bf.canonical_json({"bundle": "x.kdsync", "index": 1, "count": 10 ** 8, "sha256": "0" * 64})
    put("hitungan.kdsync.part01-of-02", bf.PART_MAGIC + struct.pack(">H", len(header)) + header + b"x" * 100)
    bomb = zeros_deflated(bomb_bytes)
    put("bom-kecil.kdsync", forge(ministry, office_key, compressed=bomb, plain=b"{}", code=code, demo=demo, sequence=2))
    put("bom-jujur.kdsync", forge(ministry, office_key, compressed=bomb, plain=b"{}", code=code, demo=demo, sequence=3,
                                   plain_size=bomb_bytes))
    put("bom-v1.kdsync", forge(ministry, office_key, compressed=bomb, plain=b"{}", code=code, demo=demo, sequence=4,
                               format_version=1))
    n = 5_000_000
    put("bom-json.kdsync", forge(ministry, office_key, plain=json_bomb(n), code=code, demo=demo, sequence=5,
                                 counts={"x": n}))
    put("dalam.kdsync", bf.MAGIC + struct.pack(">I", 2000) + deep(1000) + b"\x00\x40" + b"s" * 64)
    put("tipe-urut.kdsync", resign(good, office_key, sequence="7"))
    put("tipe-waktu.kdsync", resign(good, office_key, created_at=12))
    put("tipe-kunci.kdsync", resign(good, office_key, office_key="!!bukan base64!!"))
    put("kode-palsu.kdsync", forge(ministry, office_key, code="../../../x", demo=demo, sequence=6))
    put("kode-panjang.kdsync", forge(ministry, office_key, code="x" * 300, demo=demo, sequence=6))
    put("records-angka.kdsync", forge(ministry, office_key, plain=b'{"records":{"x":1}}', code=code, demo=demo,
                                      sequence=7, counts={"x": 0}))
    put("lampiran-rusak.kdsync", forge(ministry, office_key, code=code, demo=demo, sequence=8, plain=bf.canonical_json(
        {"attachments": {"0" * 64: "***"}, "records": {"people": [row(name="B")]}, "summaries": {}})))
    put("nama-panjang.kdsync", forge(ministry, office_key, code=code, demo=demo, sequence=9, office_name="N" * 10 ** 4))
    put("alasan-besar.kdsync", bf.MAGIC + struct.pack(">I", 60_000) + json.dumps({"format_version": "x" * 59_000}).encode()
        .ljust(60_000) + b"\x00\x40" + b"s" * 64)
    return made


def _measure(path: Path, db: str) -> tuple[float, float, int]:
    """(peak MiB, seconds, exit code) of ``ministry import`` of one file, in a fresh process."""
    import subprocess

    # VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
    # The seconds are the command's own (from the call to main, the program's start-up aside).
    probe = ("import re, sys, time\nfrom kemensos_desk.cli.main import main\nt = time.perf_counter()\n"
             "code = main(['ministry', 'import', '--db', sys.argv[1], sys.argv[2], '--json'])\n"
             "hwm = re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read()).group(1)\n"
             "print(hwm, time.perf_counter() - t, file=sys.stderr)\nsys.exit(code)\n")
    done = subprocess.run([sys.executable, "-c", probe, db, str(path)], capture_output=True, text=True)
    peak_kib, seconds = done.stderr.strip().splitlines()[-1].split()
    return int(peak_kib) / 1024, float(seconds), done.returncode


def main(argv: list[str]) -> int:
    import tempfile

    from kemensos_desk.ministry import store as mstore

    work = Path(tempfile.mkdtemp(prefix="kd-hostile-"))
    db = str(work / "kementerian.sqlite")
    mstore.init(db, crypto.demo_key_file())
    office_key = crypto.new_signing_key()
    store = mstore.open_store(db)
    from kemensos_desk.ministry import importer

    first = importer.import_bytes(store, store.keys(), "awal.kdsync",
                                  forge(crypto.demo_public(), office_key, demo=True, sequence=100))
    store.dispose()
    assert first.status == "imported", first
    made = make_all(work / "berkas", crypto.demo_public(), office_key)
    print(f"{'berkas':<32} {'ukuran':>10} {'memori MiB':>11} {'detik':>7} {'exit':>5}")
    worst = (0.0, 0.0)
    for name, path in made.items():
        mib, sec, code = _measure(path, db)
        worst = (max(worst[0], mib), max(worst[1], sec))
        print(f"{name:<32} {path.stat().st_size:>10} {mib:>11.1f} {sec:>7.2f} {code:>5}")
    print(f"terburuk: {worst[0]:.1f} MiB, {worst[1]:.2f} s")
    return 0 if worst[0] < 300 and all(True for _ in made) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
