"""Linux: ICU's data in the bundle cut to what an Indonesian/English office app uses.

PySide6's Qt links ICU, whose data library (libicudata.so.73) is 32 MB of locale data for
every language of the world: a fifth of the size limit. This keeps the Unicode properties,
normalisation, break rules, time zones, collation and the root, English and Indonesian
locales, and drops the other locales, the legacy code pages (the app reads and writes
UTF-8 only), transliteration, spelled-out numbers and the Thai/Lao/Khmer/Burmese/CJK word
dictionaries; the result, 4 MB, is linked into a library of the same name and symbol
(ICU's documented way to ship a data subset). Needs ``icupkg`` (Debian: icu-devtools), gcc.

    python packaging/icu_subset.py dist/kemensos-desk/_internal/PySide6/Qt/lib/libicudata.so.73
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

KEEP_LOCALES = re.compile(r"^(root|en|en_US|en_US_POSIX|en_001|id|id_ID|in|in_ID|res_index|pool)\.res$")
LOCALE_RES = re.compile(r"^[a-z]{2,3}(_[A-Za-z0-9]+)*\.res$")
DROPPED_TREES = ("translit", "rbnf")


def dropped(item: str) -> bool:
    *folder, name = item.split("/")
    if not folder:
        return name.endswith(".cnv") or bool(LOCALE_RES.match(name) and not KEEP_LOCALES.match(name))
    if folder[0] in DROPPED_TREES or name.endswith(".dict"):
        return True
    return name.endswith(".res") and not KEEP_LOCALES.match(name)


def _data_symbol(lib: Path) -> tuple[str, bytes]:
    """The ``icudtNN_dat`` symbol's name and bytes, read from the ELF file."""
    symbols = subprocess.run(["readelf", "-sW", str(lib)], capture_output=True, text=True, check=True).stdout
    found = re.search(r"^\s*\d+:\s+([0-9a-f]+)\s+(\d+|0x[0-9a-f]+)\s+OBJECT\s+GLOBAL\s+\S+\s+\S+\s+(icudt\d+_dat)\s*$",
                      symbols, re.MULTILINE)
    if not found:
        raise SystemExit(f"{lib}: simbol icudtNN_dat tidak ditemukan")
    address, size, name = int(found.group(1), 16), int(found.group(2), 0), found.group(3)
    sections = subprocess.run(["readelf", "-SW", str(lib)], capture_output=True, text=True, check=True).stdout
    for m in re.finditer(r"\]\s+\S+\s+\S+\s+([0-9a-f]+)\s+([0-9a-f]+)\s+([0-9a-f]+)", sections):
        start, offset, length = (int(g, 16) for g in m.groups())
        if start <= address < start + length:
            with open(lib, "rb") as fh:
                fh.seek(offset + address - start)
                return name, fh.read(size)
    raise SystemExit(f"{lib}: bagian data ICU tidak ditemukan")


def subset(lib: Path) -> None:
    symbol, data = _data_symbol(lib)
    package = symbol[: -len("_dat")] + "l"  # icudt73l: little-endian package name
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        (tmp / "in").mkdir()
        (tmp / "out").mkdir()
        source = tmp / "in" / f"{package}.dat"
        source.write_bytes(data)
        items = subprocess.run(["icupkg", "-l", str(source)], capture_output=True, text=True, check=True).stdout.split()
        drop = [i for i in items if dropped(i)]
        (tmp / "drop.txt").write_text("\n".join(drop) + "\n", encoding="utf-8")
        target = tmp / "out" / f"{package}.dat"
        subprocess.run(["icupkg", "--ignore-deps", "-r", str(tmp / "drop.txt"), str(source), str(target)],
                       check=True, capture_output=True)
        asm = tmp / "icudata.S"
        asm.write_text(
            f"    .section .rodata\n    .globl {symbol}\n    .type {symbol}, @object\n    .balign 16\n"
            f"{symbol}:\n    .incbin \"{target}\"\n    .size {symbol}, .-{symbol}\n"
            "    .section .note.GNU-stack,\"\",@progbits\n", encoding="utf-8")
        built = tmp / lib.name
        subprocess.run(["gcc", "-shared", "-nostdlib", f"-Wl,-soname,{lib.name}", "-o", str(built), str(asm)], check=True)
        before = lib.stat().st_size
        built.replace(lib)
    print(f"ICU: {len(items) - len(drop)} dari {len(items)} bagian data disimpan, "
          f"{before / 1e6:.1f} MB -> {lib.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    subset(Path(sys.argv[1]))
