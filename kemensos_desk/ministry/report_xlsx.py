"""The ministry's yearly report as .xlsx: IKK 3.1 with its regions, and the completeness matrix."""
from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from kemensos_desk.core import labels
from kemensos_desk.core.formatting import nama_triwulan, tanggal
from kemensos_desk.core.i18n import tr
from kemensos_desk.documents.xlsx import workbook_bytes
from kemensos_desk.services.sync import files

_BOLD = Font(bold=True)
_FILL = {"received": "C6EFCE", "late": "FFEB9C", "missing": "FFC7CE", "pending": "EDEDED"}
_LABEL = {"received": "Diterima", "late": "Terlambat", "missing": "Belum ada", "pending": "Belum jatuh tempo"}


def _title(ws, text: str) -> None:
    ws["A1"] = text
    ws["A1"].font = Font(bold=True, size=13)


def write_report(path: Path, indicator: dict, matrix: dict, demo: bool = False, spm: dict | None = None,
                 dekon: list[dict] | None = None, year: int | None = None) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "IKK 3.1"
    mark = " — CONTOH / DEMO" if demo else ""
    _title(ws, tr("Persentase daerah yang meningkat kemampuannya dalam penerapan SPM Bidang Sosial") + mark)
    rows = [(tr("Tahun"), indicator["year"]), (tr("Daerah dinilai"), indicator["regions_assessed"]),
            (tr("Daerah meningkat"), indicator["regions_improved"]),
            (tr("Persentase meningkat (%)"), float(indicator["spm_improved_pct"])),
            (tr("Target (%)"), float(indicator["target"])), (tr("Capaian (%)"), float(indicator["achievement_pct"]))]
    for i, (label, value) in enumerate(rows, start=3):
        ws.cell(i, 1, label).font = _BOLD
        cell = ws.cell(i, 2, value)
        if isinstance(value, float):
            cell.number_format = "0.00"
    head = 11
    for col, label in enumerate([tr("Kode"), tr("Daerah"), tr("Skor {y}", y=indicator["year"] - 1),
                                 tr("Skor {y}", y=indicator["year"]), tr("Meningkat")], start=1):
        ws.cell(head, col, label).font = _BOLD
    for r, region in enumerate(indicator["regions"], start=head + 1):
        ws.cell(r, 1, region["code"])
        ws.cell(r, 2, region["name"])
        ws.cell(r, 3, float(region["previous_score"])).number_format = "0.00"
        ws.cell(r, 4, float(region["score"])).number_format = "0.00"
        ws.cell(r, 5, tr("Ya") if region["improved"] else tr("Tidak"))
    ws.column_dimensions["A"].width = 34
    ws.column_dimensions["B"].width = 34
    for c in "CDE":
        ws.column_dimensions[c].width = 12

    ws = wb.create_sheet(tr("Kelengkapan"))
    _title(ws, tr("Kelengkapan laporan triwulan {year}", year=matrix["year"]) + mark)
    for col, label in enumerate([tr("Provinsi"), tr("Kode"), tr("Kantor")]
                                + [nama_triwulan(q) for q in range(1, 5)] + [tr("Celah nomor urut")], start=1):
        ws.cell(3, col, label).font = _BOLD
    r = 4
    for prov in matrix["provinces"]:
        for office in prov["offices"]:
            ws.cell(r, 1, prov["name"])
            ws.cell(r, 2, office["code"])
            ws.cell(r, 3, office["name"])
            for q in office["quarters"]:
                text = tr(_LABEL[q["status"]])
                if q["received_at"] is not None:
                    text += f" {tanggal(q['received_at'])}"
                cell = ws.cell(r, 3 + q["quarter"], text)
                cell.fill = PatternFill("solid", fgColor=_FILL[q["status"]])
                cell.alignment = Alignment(wrap_text=True)
            gaps = "; ".join(f"{dev}: {', '.join(map(str, seqs))}" for dev, seqs in office["sequence_gaps"].items())
            ws.cell(r, 8, gaps or "–")
            r += 1
    for c, w in zip("ABCDEFGH", (24, 8, 40, 22, 22, 22, 22, 22)):
        ws.column_dimensions[c].width = w
    if spm is not None:
        _spm_sheet(wb.create_sheet(tr("SPM per daerah")), spm, mark)
    if dekon:  # only when some office sent dekon/TP figures for the year
        _dekon_sheet(wb.create_sheet("Dekon-TP"), dekon, year or indicator["year"], mark)
    files.write_atomic(Path(path), workbook_bytes(wb))  # office names from bundles: never a live formula
    return Path(path)


def _spm_sheet(ws, spm: dict, mark: str) -> None:
    _title(ws, tr("Indeks capaian SPM akhir tahun {year} per daerah dan layanan", year=spm["year"]) + mark)
    heads = [tr("Provinsi"), tr("Kode"), tr("Daerah")] + [labels.service(code) for code in spm["services"]] + [tr("Skor daerah")]
    for col, label in enumerate(heads, start=1):
        ws.cell(3, col, label).font = _BOLD
    for r, region in enumerate(spm["regions"], start=4):
        ws.cell(r, 1, region["province"])
        ws.cell(r, 2, region["code"])
        ws.cell(r, 3, region["name"])
        for c, svc in enumerate(spm["services"], start=4):
            value = region["services"].get(svc, {}).get("index")
            if value is not None:
                ws.cell(r, c, float(value)).number_format = "0.00"
            else:
                ws.cell(r, c, "–")
        if region["score"] is not None:
            ws.cell(r, 4 + len(spm["services"]), float(region["score"])).number_format = "0.00"
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["C"].width = 34


def _dekon_sheet(ws, rows: list[dict], year: int, mark: str) -> None:
    _title(ws, tr("Realisasi dekonsentrasi/tugas pembantuan {year} per RO dan provinsi", year=year) + mark)
    heads = [tr("Kode RO"), tr("Rincian output"), tr("Provinsi"), tr("Sumber"), tr("Kantor"), tr("Satuan"),
             tr("Target volume"), tr("Realisasi volume"), tr("Fisik (%)"), tr("Pagu (Rp)"), tr("Realisasi (Rp)"),
             tr("Keuangan (%)")]
    for col, label in enumerate(heads, start=1):
        ws.cell(3, col, label).font = _BOLD
    for r, row in enumerate(rows, start=4):
        values = [row["ro"], row["name"], row["province"], row["source"], row["offices"], row["unit"] or "–",
                  row["target_volume"], row["realised_volume"], row["physical_pct"], row["pagu"], row["spent"],
                  row["financial_pct"]]
        for c, value in enumerate(values, start=1):
            if value is None:
                ws.cell(r, c, "–")
            elif c in (9, 12):
                ws.cell(r, c, float(value)).number_format = "0.00"
            elif c in (10, 11):
                ws.cell(r, c, int(value)).number_format = "#,##0"
            else:
                ws.cell(r, c, value)
    for c, w in zip("ABCDEFGHIJKL", (16, 50, 22, 8, 8, 10, 10, 10, 10, 18, 18, 10)):
        ws.column_dimensions[c].width = w
