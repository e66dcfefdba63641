"""``Unduh templat``: the .xlsx an office fills in for ``spm import`` / ``spm import-deliveries``.

NIK and KK columns are formatted as text before anyone types (a number cell loses the
16th digit), coded columns get drop-downs (sex, found via, no-NIK reason, the kecamatan
of the office's region, the service's components) and an instruction sheet explains it.
The columns come from ``forms/spm_import.json``, the same data the import reads; the
workbook is laid out by the shared ``documents.xlsx_template`` helper (header in row 1).
"""
from __future__ import annotations

from pathlib import Path

from kemensos_desk.core import tabular
from kemensos_desk.core.errors import Refused
from kemensos_desk.documents.office import OfficeInfo
from kemensos_desk.documents.xlsx_template import TemplateColumn, write_import_template
from kemensos_desk.services.auth import Actor
from kemensos_desk.services.spm import common, reference
from kemensos_desk.services.workspace import Workspace

DATA_ROWS = 1000
HEADER_ROW = 1
KINDS = ("beneficiaries", "deliveries")
_KIND = {"nik": "nik", "kk": "nik", "date": "date", "number": "number", "integer": "int"}


def _instructions(kind: str, svc) -> list[str]:
    common_lines = [
        "Isi satu baris per orang mulai baris 2; jangan mengubah judul kolom di baris 1.",
        "Kolom NIK dan No. KK sudah berformat Teks: ketik atau tempel 16 angka apa adanya. "
        "Bila NIK tampil seperti 3,2101E+15, sel itu berformat angka dan angka terakhirnya sudah hilang: "
        "ubah format sel menjadi Teks lalu ketik ulang.",
        "Tanggal boleh ditulis sebagai tanggal Excel, 12/03/1950, 12-03-1950 atau 12 Maret 1950.",
        "Baris kosong dan baris JUMLAH/TOTAL di bawah daftar diabaikan.",
        "Sebelum disimpan, aplikasi menampilkan pratinjau: berapa baris baru, diperbarui dan ditolak beserta "
        "alasannya. Tidak ada data yang tersimpan sebelum Anda menyetujui.",
    ]
    if kind == "beneficiaries":
        specific = [
            f"Templat daftar penerima layanan: {svc.name}.",
            "NIK wajib diisi; bila orang itu belum memiliki NIK, kosongkan NIK dan pilih Alasan Tanpa NIK.",
            "L/P: L = laki-laki, P = perempuan; harus cocok dengan NIK (tanggal lahir perempuan + 40).",
            "Kecamatan: pilih dari daftar (nama Kemendagri di wilayah kantor).",
            "Ditemukan Melalui: dtks, asesmen, rujukan atau penjangkauan.",
            "Tanggal Mulai Layanan boleh dikosongkan: kosong berarti 1 Januari tahun impor; bila Triwulan I "
            "tahun itu sudah disetujui, tanggal 1 triwulan pertama yang belum disetujui (misalnya 1 April).",
            "NIK yang sudah terdaftar dengan nama dan tanggal lahir yang sama memperbarui data orang itu; "
            "dengan nama atau tanggal lahir lain, baris ditolak.",
        ]
    else:
        codes = ", ".join(f"{c.code} ({c.name})" for c in svc.components)
        specific = [
            f"Templat daftar penyaluran layanan: {svc.name}.",
            "Isi NIK atau ID Register penerima; penerima harus sudah terdaftar untuk layanan dan tahun ini.",
            f"Komponen: {codes}.",
            "Satu penyaluran dikenali dari (penerima, komponen, tanggal): mengimpor daftar yang sama dua kali "
            "tidak menambah data.",
        ]
    return specific + common_lines


def template_columns(kind: str, svc, kecamatan_names: list[str]) -> list[TemplateColumn]:
    """The import's own columns (``forms/spm_import.json``) as template columns."""
    _title, columns = tabular.load_table("spm_import", kind)
    choices = reference.choices()
    out = []
    for col in columns:
        if not col.in_template:
            continue
        values: list[str] = []
        if col.type == "sex":
            values = ["L", "P"]
        elif col.type == "kecamatan":
            values = kecamatan_names
        elif col.type == "component":
            values = [c.code for c in svc.components]
        elif isinstance(col.choices, str):
            values = list(choices.get(col.choices, {}))
        out.append(TemplateColumn(col.header, _KIND.get(col.type, "text"), required=col.required, choices=values,
                                  note=col.hint, width=col.width))
    return out


def write_template(ws: Workspace, actor: Actor, service: str, out: Path, kind: str = "beneficiaries") -> Path:
    actor.require("data.read")
    if kind not in KINDS:
        raise Refused("Jenis templat '{kind}' tidak dikenal.", kind=kind)
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise Refused("Templat ditulis sebagai .xlsx, bukan {suffix}.", suffix=out.suffix or "(tanpa akhiran)")
    with ws.store.session(actor.username) as s:
        office = common.office(s)
        svc = common.service(s, service)
        names = tabular.KecamatanMatcher(office.region_code).names()
        info = OfficeInfo.from_office(office)
    title, _columns = tabular.load_table("spm_import", kind)
    return write_import_template(out, template_columns(kind, svc, names), title=f"{title} — {svc.name}",
                                 instructions=_instructions(kind, svc), rows=DATA_ROWS, office=info)
