"""Excel import without silent loss (issue 13 item 8): a totals row in the middle of the data
does not end it, and hidden sheets or other sheets holding data are named in warnings."""
from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kemensos_desk.services import importing
from kemensos_desk.services.spm.importing import BeneficiaryImporter

PEOPLE = Path(__file__).parent / "data" / "spm" / "lansia_bulukumba_2026.xlsx"
READERS = ("calamine", "openpyxl")


def _columns():
    return BeneficiaryImporter("lansia", 2026).columns


def _data_span(ws) -> tuple[int, int]:
    """First and last Excel row of the data under the header (by the engine's own reading)."""
    table = importing.read_table(PEOPLE, _columns())
    return table.rows[0].row, table.rows[-1].row


@pytest.mark.parametrize("reader", READERS)
def test_a_total_row_in_the_middle_is_skipped_with_a_warning_and_reading_goes_on(tmp_path, reader):
    baseline = importing.read_table(PEOPLE, _columns(), reader=reader)
    assert not baseline.notes
    wb = openpyxl.load_workbook(PEOPLE)
    ws = wb[baseline.sheet]
    middle = baseline.rows[len(baseline.rows) // 2].row
    ws.insert_rows(middle)
    ws.cell(middle, 1, "Jumlah")
    out = tmp_path / "tengah.xlsx"
    wb.save(out)

    table = importing.read_table(out, _columns(), reader=reader)
    assert len(table.rows) == len(baseline.rows), "no person under the totals row may be lost"
    assert [n.row for n in table.notes] == [middle]
    assert "Baris jumlah di tengah data" in str(table.notes[0].reason)


@pytest.mark.parametrize("reader", READERS)
def test_a_total_row_at_the_end_ends_the_data_quietly(tmp_path, reader):
    baseline = importing.read_table(PEOPLE, _columns(), reader=reader)
    wb = openpyxl.load_workbook(PEOPLE)
    ws = wb[baseline.sheet]
    last = baseline.rows[-1].row
    ws.cell(last + 2, 1, "JUMLAH")
    ws.cell(last + 3, 1, "Total keseluruhan")
    out = tmp_path / "akhir.xlsx"
    wb.save(out)
    table = importing.read_table(out, _columns(), reader=reader)
    assert len(table.rows) == len(baseline.rows) and not table.notes


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("state", ["hidden", "veryHidden"])
def test_a_hidden_sheet_is_never_read_without_notice(tmp_path, reader, state):
    wb = openpyxl.load_workbook(PEOPLE)
    data = wb[importing.read_table(PEOPLE, _columns()).sheet]
    data.sheet_state = state
    wb.create_sheet("Catatan").cell(1, 1, "kosong")  # a visible sheet, so the workbook stays valid
    out = tmp_path / "tersembunyi.xlsx"
    wb.save(out)
    table = importing.read_table(out, _columns(), reader=reader)
    assert table.sheet == data.title
    texts = [str(n.reason) for n in table.notes]
    assert any("disembunyikan" in t and data.title in t for t in texts)
    assert any("'Catatan' berisi data" in t for t in texts)


@pytest.mark.parametrize("reader", READERS)
def test_a_visible_sheet_wins_over_a_hidden_copy_and_the_copy_is_named(tmp_path, reader):
    wb = openpyxl.load_workbook(PEOPLE)
    data = wb[importing.read_table(PEOPLE, _columns()).sheet]
    copy = wb.copy_worksheet(data)
    copy.title = "Salinan lama"
    copy.sheet_state = "hidden"
    out = tmp_path / "salinan.xlsx"
    wb.save(out)
    table = importing.read_table(out, _columns(), reader=reader)
    assert table.sheet == data.title
    assert any("tersembunyi 'Salinan lama' berisi data" in str(n.reason) for n in table.notes)


def test_the_warnings_reach_the_cli_summary(tmp_path):
    wb = openpyxl.load_workbook(PEOPLE)
    wb.create_sheet("Rekap").cell(1, 1, "Jumlah lansia")
    out = tmp_path / "rekap.xlsx"
    wb.save(out)
    table = importing.read_table(out, _columns())
    result = importing.ImportResult(0, 0, 0, [], table.notes, len(table.rows), False, True, True, str(out),
                                    table.sheet, table.header.row)
    from kemensos_desk.cli.commands_spm_import import summary_lines

    text = "\n".join(summary_lines(result))
    assert "Lembar 'Rekap' berisi data tetapi tidak dibaca" in text and "None" not in text
