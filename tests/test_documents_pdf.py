"""The shared PDF framework: sample report on A4/F4 read back with pdftotext and pypdf."""
import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from types import SimpleNamespace

import pypdf
import pytest

from kemensos_desk.documents import sample
from kemensos_desk.documents.office import SAMPLE_OFFICE, OfficeInfo
from kemensos_desk.documents.paper import page_size
from kemensos_desk.documents.pdf import ReportDocument
from kemensos_desk.documents.tables import Column

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) missing")


def pdftext(path, page: int | None = None) -> str:
    args = ["pdftotext", "-layout"] + (["-f", str(page), "-l", str(page)] if page else []) + [str(path), "-"]
    return subprocess.run(args, capture_output=True, text=True, check=True, timeout=60).stdout


@pytest.fixture(scope="module")
def samples(tmp_path_factory):
    out = tmp_path_factory.mktemp("pdf")
    return {paper: sample.build_pdf(out / f"contoh-{paper}.pdf", paper) for paper in ("a4", "f4")} | {
        "official": sample.build_pdf(out / "resmi.pdf", "a4", replace(SAMPLE_OFFICE, is_demo=False))}


@pytest.mark.parametrize("paper, size", [("a4", (595.28, 841.89)), ("f4", (609.45, 935.43))])
def test_page_size_and_page_numbers(samples, paper, size):
    reader = pypdf.PdfReader(samples[paper])
    assert len(reader.pages) == 2
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width), 2), round(float(box.height), 2)) == size
    text = pdftext(samples[paper])
    assert "Halaman 1 dari 2" in text and "Halaman 2 dari 2" in text
    assert "Dicetak 23 November 2026" in text


def test_paper_sizes_in_points():
    assert [round(x, 2) for x in page_size("f4")] == [609.45, 935.43]
    assert [round(x, 2) for x in page_size("a4", landscape=True)] == [841.89, 595.28]
    with pytest.raises(ValueError):
        page_size("letter")


def test_letterhead_title_numbers_and_signature(samples):
    first = pdftext(samples["a4"], 1)
    for line in ("PEMERINTAH KABUPATEN MAJALENGKA", "DINAS SOSIAL", "Jl. K.H. Abdul Halim No. 155",
                 "Telepon (0233) 281234", "Rekapitulasi Penerima Layanan SPM Bidang Sosial",
                 "1 Januari – 30 September 2026"):
        assert line in first
    whole = pdftext(samples["a4"])
    rows = sample.sample_rows()
    total = sum(r[6] for r in rows)
    assert total == 6_008_750_000
    assert "Rp6.008.750.000" in whole and "137,50%" in whole and "5.335" in whole
    assert "Majalengka, 23 November 2026" in whole
    assert "Kepala Dinas Sosial" in whole and "Drs. H. Ahmad Sutisna, M.Si." in whole
    assert "NIP 19680312 199003 1 002" in whole
    assert "100,00%" in whole  # chart value labels in Indonesian format


def test_table_header_repeats_on_the_next_page(samples):
    second = pdftext(samples["a4"], 2)
    assert "Kecamatan" in second and "Anggaran (Rp)" in second and "Jumlah" in second


def test_demo_watermark_only_for_demo_offices(samples):
    for paper in ("a4", "f4"):
        for n in (1, 2):
            assert "CONTOH / DEMO" in pdftext(samples[paper], n)
    assert "CONTOH" not in pdftext(samples["official"])


def test_cover_toc_and_headings_with_page_numbers(tmp_path):
    doc = ReportDocument(replace(SAMPLE_OFFICE, is_demo=False), "Bahan Rapat Koordinasi", paper="f4",
                         printed_on=dt.date(2026, 11, 23))
    doc.cover("Bahan Rapat Koordinasi Perencanaan\nKesejahteraan Sosial Tingkat Daerah Tahun 2027", year=2027)
    doc.toc()
    doc.heading("BAB I RENSTRA")
    doc.paragraph("Visi & misi <dinas> " * 3)
    doc.heading("1.1 Sasaran", level=1)
    doc.table(sample.columns(), sample.sample_rows(60))
    doc.heading("BAB II CAPAIAN", new_page=True)
    doc.chart(["RO 001", "RO 002"], [106.51, None], horizontal=False, reference=100, reference_label="Target 100%")
    doc.signature()
    path = doc.write(tmp_path / "rakor.pdf")
    n = len(pypdf.PdfReader(path).pages)
    cover, toc = pdftext(path, 1), pdftext(path, 2)
    assert "PEMERINTAH KABUPATEN MAJALENGKA" in cover and "Tahun 2027" in cover
    assert "Halaman" not in cover  # the cover carries no footer
    assert "DAFTAR ISI" in toc and f"Halaman 2 dari {n}" in toc
    toc_lines = {line.split()[0] + " " + line.split()[1]: line.split()[-1] for line in toc.splitlines()
                 if line.strip().startswith(("BAB", "1.1"))}
    assert toc_lines["BAB I"] == "3" and toc_lines["1.1 Sasaran"] == "3"
    bab2_page = int(toc_lines["BAB II"])
    assert "BAB II CAPAIAN" in pdftext(path, bab2_page)
    assert "Visi & misi <dinas>" in pdftext(path, 3)


def test_landscape_and_text_safety(tmp_path):
    doc = ReportDocument(SAMPLE_OFFICE, "Uji & <lanskap>", paper="f4", landscape=True)
    doc.table([Column("Uraian", 3), Column("Nilai", 1, "number"), Column("Tanggal", 1, "date")],
              [["A & B <c>", 1234.5, dt.date(2026, 3, 1)], ["–", None, None]])
    path = doc.write(tmp_path / "l.pdf")
    box = pypdf.PdfReader(path).pages[0].mediabox
    assert (round(float(box.width), 2), round(float(box.height), 2)) == (935.43, 609.45)
    text = pdftext(path)
    assert "A & B <c>" in text and "1.234,50" in text and "1 Maret 2026" in text


def test_failed_build_leaves_the_old_file(tmp_path):
    target = tmp_path / "laporan.pdf"
    target.write_bytes(b"old")
    doc = ReportDocument(SAMPLE_OFFICE, "X")
    doc.add(object())  # not a flowable: the build fails
    with pytest.raises(Exception):
        doc.write(target)
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["laporan.pdf"]


@pytest.mark.parametrize("level, code, name, gov, place", [
    ("kabupaten", "32.10", "Kabupaten Majalengka", "Pemerintah Kabupaten Majalengka", "Majalengka"),
    ("provinsi", "32", "Jawa Barat", "Pemerintah Provinsi Jawa Barat", "Jawa Barat"),
])
def test_office_info_from_stored_office(level, code, name, gov, place):
    unit_region = f"Provinsi {name}" if level == "provinsi" else name
    row = SimpleNamespace(level=level, region_code=code, region_name=name, name=f"Dinas Sosial {unit_region}",
                          address="Jl. Merdeka 1", phone=None, email="a@b.go.id", head_name="Siti",
                          head_nip="197501012000032001", is_demo=False)
    info = OfficeInfo.from_office(row)
    assert info.government == gov and info.unit == "Dinas Sosial" and info.place == place
    assert info.region_name == unit_region and info.nip_text == "NIP 19750101 200003 2 001"
    assert info.contact_line == "Pos-el a@b.go.id"


def test_grouped_and_count_charts(tmp_path):
    from kemensos_desk.core.formatting import angka

    doc = ReportDocument(replace(SAMPLE_OFFICE, is_demo=False), "Grafik")
    doc.chart(["RO 001 Bimbingan teknis", "RO 002"], {"Fisik": [100, None], "Keuangan": [96.2, 12]},
              horizontal=False, reference=100, reference_label="Target 100%")
    doc.chart(["Lansia", "Anak"], {"Fisik": [100.5, 80], "Keuangan": [64, 0]}, caption="Grafik 2")
    doc.chart(["A", "B"], [1200, 34], value_format=angka, horizontal=False)
    text = pdftext(doc.write(tmp_path / "g.pdf"))
    for label in ("Fisik", "Keuangan", "96,20%", "12,00%", "100,50%", "Target 100%", "1.200", "Grafik 2", "–"):
        assert label in text


def test_letterhead_with_emblem_and_with_a_broken_one(tmp_path):
    from PIL import Image

    logo = tmp_path / "lambang.png"
    Image.new("RGB", (80, 96), (31, 78, 121)).save(logo)
    with_logo = sample.build_pdf(tmp_path / "logo.pdf", "a4", replace(SAMPLE_OFFICE, logo=str(logo)))
    assert len(pypdf.PdfReader(with_logo).pages[0].images) == 1
    assert "PEMERINTAH KABUPATEN MAJALENGKA" in pdftext(with_logo, 1)
    broken = sample.build_pdf(tmp_path / "rusak.pdf", "a4", replace(SAMPLE_OFFICE, logo=str(tmp_path / "x.png")))
    assert "DINAS SOSIAL" in pdftext(broken, 1)
