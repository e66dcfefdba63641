"""Printed pages (issue 16, item 16) read back with pdftotext: table headers never split a word,
figures never wrap, the daftar penerima is organised by desa with a 3 cm thumbprint column and
the quantity as typed, and no page is left almost blank by a signature block or a chapter break."""
from __future__ import annotations

import re
import subprocess

import pytest
from reportlab.lib.units import mm

from kemensos_desk.documents.tables import column_widths, minimum_widths
from kemensos_desk.services.spm import report_pdf
from kemensos_desk.services.spm.report import quantity_text
from tests.cli_helpers import run

WATERMARK = set("CONTOHDEM/ ")


def _text(path, *options) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True).stdout


def _fill(path) -> list[float]:
    """How far down each page its body reaches (0–1), watermark, header and footer left out."""
    out = []
    for width, height, body in re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>',
                                          _text(path, "-bbox"), re.S):
        h = float(height)
        ys = [float(y) for y, w in re.findall(r'yMax="([\d.]+)">([^<]*)</word>', body)
              if h * 0.08 < float(y) < h * 0.9 and not (len(w) <= 6 and set(w) <= WATERMARK)]
        out.append(max(ys, default=0.0) / h)
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    root = tmp_path_factory.mktemp("printed")
    data = root / "kantor"
    assert run(data, "demo", "--year", "2026", "--size", "small").code == 0
    jobs = {"dekon.pdf": ["dekon", "report", "--year", "2026"], "spm.pdf": ["spm", "report", "--year", "2026"],
            "rakor.pdf": ["rakor", "pdf", "--year", "2027"],
            "daftar.pdf": ["spm", "daftar-penerima", "--service", "lansia", "--component", "permakanan",
                           "--year", "2026", "--quantity", "10 kg"]}
    out = {}
    for name, args in jobs.items():
        out[name] = root / name
        result = run(data, "--user", "admin", *args, "--out", out[name])
        assert result.code == 0, result.err
    return out


def test_dekon_header_words_and_percentages_stay_whole(printed):
    raw = _text(printed["dekon.pdf"])
    assert "Realisasi" in raw
    assert not re.search(r"Realisas\s*\n\s*i\b", raw)
    assert not re.search(r"\d,\d\d\s*\n\s*%", raw), "a percentage wrapped"
    assert re.search(r"\b\d{1,3},\d\d%", raw)


def test_daftar_penerima_by_desa_with_the_quantity_as_typed(printed):
    raw = _text(printed["daftar.pdf"], "-layout")  # layout keeps the reading order beside the watermark
    flat = " ".join(raw.split())
    assert "10 kg" in flat and "10 kg paket" not in flat
    assert flat.count("Komponen") == 1  # in the heading, not on every row
    heads = re.findall(r"Desa/Kelurahan (.+?) · Kecamatan (.+?) \((\d+) orang\)", flat)
    assert len(heads) > 3
    keys = [(k.lower(), d.lower()) for d, k, _n in heads]
    assert keys == sorted(keys), "grouped by kecamatan and desa in order"
    total = int(re.search(r"Jumlah penerima: (\d+) orang", flat).group(1))
    assert sum(int(n) for *_x, n in heads) == total


def test_quantity_text():
    assert quantity_text("10 kg", "paket") == "10 kg"
    assert quantity_text("10", "paket") == "10 paket"
    assert quantity_text("2,5", "kg") == "2,5 kg"
    assert quantity_text("", "paket") == ""


@pytest.mark.parametrize("width", [181 * mm, 186 * mm])  # A4 and F4 portrait frames
def test_thumbprint_column_is_three_centimetres(width):
    columns = report_pdf._distribution_columns(width)
    rows = [[1, "Siti Nurhaliza binti Abdul Rahman", "3210054106800001", "Dusun Kaler RT 012/RW 008", "10 kg", ""]]
    widths = column_widths(columns, width, minimum_widths(columns, rows))
    assert abs(widths[-1] - 30 * mm) < 0.5 * mm
    assert abs(sum(widths) - width) < 0.5


def test_no_page_left_almost_blank(printed):
    spm = _fill(printed["spm.pdf"])
    pages = _text(printed["spm.pdf"]).split("\f")
    signed = next(i for i, p in enumerate(pages) if "Kepala Dinas Sosial" in p)
    # Before the signature the report flows: only the signature page itself may be short.
    assert all(f >= 0.5 for f in spm[:signed]), spm
    assert "C. Permasalahan dan solusi" not in pages[signed] or signed == 0 or spm[signed - 1] > 0.7
    rakor = _fill(printed["rakor.pdf"])
    assert all(f >= 0.4 for f in rakor[:-1]), rakor
    # The signature page never carries the signature alone: table rows came over with it.
    before_sign = pages[signed].split("Kepala Dinas Sosial")[0]
    assert len([line for line in before_sign.splitlines() if line.strip()]) >= 3
