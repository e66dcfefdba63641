"""Indonesian descriptions of the command-line options, in one place.

An option a command module declares without ``help=`` takes its description from here:
first by command and option (``"spm deliver", "--person"``), then by the option alone, so
``--year`` reads the same in every command. ``tests/test_cli_language.py`` walks every
sub-command and fails on an option this table does not describe.
"""
from __future__ import annotations

# Metavars argparse shows in the usage line, in the user's words.
METAVARS = {
    "FILE": "BERKAS", "FILE.kdenrol": "BERKAS.kdenrol", "FILE.kdrules": "BERKAS.kdrules", "FILE.xlsx": "BERKAS.xlsx", "FILE.pdf": "BERKAS.pdf", "FILE.pub": "BERKAS.pub",
    "FILE.xlsx|FILE.pdf": "BERKAS.xlsx|BERKAS.pdf", "DIR": "FOLDER", "NAME": "NAMA", "USER": "PENGGUNA",
    "CODE": "KODE", "PATH": "JALUR", "PRIVATE_KEY_FILE": "BERKAS_KUNCI_PRIVAT", "Q": "TRIWULAN",
    "KODE_RO": "KODE_RO", "N": "N",
}

# A metavar for an option declared without one (argparse would show the English dest).
DEST_METAVARS = {
    "year": "TAHUN", "quarter": "TRIWULAN", "month": "BULAN", "service": "LAYANAN", "component": "KOMPONEN",
    "date": "TANGGAL", "start_date": "TANGGAL", "birth_date": "TANGGAL", "name": "NAMA", "full_name": "NAMA",
    "reason": "ALASAN", "nik": "NIK", "kk": "NO_KK", "limit": "JUMLAH", "search": "TEKS", "code": "KODE",
    "url": "URL", "db": "URL", "offices": "JUMLAH", "quantity": "JUMLAH", "unit": "SATUAN",
    "provider": "PEMBERI", "volume": "VOLUME", "narrative": "TEKS", "caption": "KETERANGAN",
    "jiwa": "JIWA", "allocated": "RUPIAH", "spent": "RUPIAH", "problems": "TEKS", "solutions": "TEKS",
    "disaster_type": "JENIS", "location": "LOKASI", "kecamatan": "KODE", "office_name": "NAMA",
    "head_name": "NAMA", "head_nip": "NIP", "phone": "TELEPON", "email": "SUREL", "birth_place": "TEMPAT",
    "desa": "DESA", "rt": "RT", "rw": "RW", "street": "JALAN", "dtks_id": "ID_DTKS", "found_via": "SUMBER",
    "institution": "LEMBAGA", "notes": "CATATAN", "id": "ID", "event": "ID_KEJADIAN", "username": "PENGGUNA",
    "file": "BERKAS", "paths": "JALUR", "out": "BERKAS", "person": "ID", "region": "KODE",
    "children": "JUMLAH", "elderly": "JUMLAH", "disabled": "JUMLAH", "pregnant": "JUMLAH",
    "psychosocial": "JUMLAH", "pagu": "RUPIAH", "key": "BERKAS", "address": "ALAMAT", "admin_name": "NAMA",
    "sex": "L|P", "no_nik_reason": "ALASAN", "note": "CATATAN", "text": "TEKS", "follow_up": "TEKS",
}

# By option alone: the same words wherever the option appears.
BY_OPTION = {
    "--year": "tahun anggaran (empat angka, mis. 2026)",
    "--quarter": "triwulan 1–4 (boleh I–IV); tanpa ini: setahun penuh",
    "--month": "bulan 1–12",
    "--out": "berkas atau folder tujuan",
    "--paper": "ukuran kertas: a4 atau f4 (bawaan: pengaturan kantor)",
    "--service": "kode layanan SPM (lihat 'spm services')",
    "--component": "kode komponen mutu layanan (lihat 'spm services')",
    "--reason": "alasan, dicatat di log audit",
    "--date": "tanggal (TTTT-BB-HH)",
    "--start-date": "tanggal mulai layanan (TTTT-BB-HH; bawaan: 1 Januari tahun itu)",
    "--birth-date": "tanggal lahir (TTTT-BB-HH)",
    "--name": "nama lengkap",
    "--nik": "NIK 16 angka",
    "--kk": "nomor Kartu Keluarga (16 angka)",
    "--birth-place": "tempat lahir",
    "--desa": "desa/kelurahan",
    "--rt": "RT",
    "--rw": "RW",
    "--street": "jalan/alamat",
    "--dtks-id": "nomor DTKS/DTSEN, bila ada",
    "--found-via": "cara penerima ditemukan (mis. penjangkauan, rujukan)",
    "--institution": "nama panti/lembaga, bila tinggal di lembaga",
    "--notes": "catatan bebas",
    "--search": "teks yang dicari",
    "--limit": "jumlah baris paling banyak",
    "--kecamatan": "kode kecamatan Kemendagri, mis. 32.10.01",
    "--ro": "kode rincian output (RO), mis. 6288.QDB.004",
    "--spent": "realisasi anggaran dalam rupiah",
    "--status": "status baru",
    "--provider": "pemberi layanan (petugas atau lembaga)",
    "--jiwa": "jumlah jiwa",
    "--person": "nomor (id) penerima di daftar",
    "--key": "berkas kunci",
    "--region": "kode wilayah Kemendagri, mis. 32.10",
    "file": "berkas yang dibaca",
    "username": "nama pengguna (login)",
    "id": "nomor (id) penerima di daftar (lihat 'spm person list')",
}

# By command and option: where the general words would not say enough.
BY_COMMAND = {
    ("init", "--level"): "tingkat kantor: provinsi, kabupaten atau kota",
    ("init", "--office-name"): "nama kantor, mis. Dinas Sosial Kabupaten Garut",
    ("init", "--phone"): "nomor telepon kantor",
    ("init", "--email"): "alamat surel kantor",
    ("init", "--head-name"): "nama kepala dinas",
    ("init", "--head-nip"): "NIP kepala dinas (18 angka)",
    ("init", "--admin"): "nama login administrator pertama",
    ("demo", "--year"): "tahun data contoh (bawaan: tahun ini)",
    ("demo", "--region"): "kode wilayah kantor contoh",
    ("demo", "--size"): "banyaknya data: small (sedikit, cepat) atau normal",
    ("backup", "--out"): "berkas salinan (.sqlite) yang dibuat",
    ("restore", "file"): "berkas salinan (.sqlite) yang dipulihkan",
    ("recover", "--code"): "kode pemulihan yang dicetak saat kantor disiapkan",
    ("user add", "--full-name"): "nama lengkap pengguna",
    ("user add", "--role"): "peran: administrator, operator atau verifikator",
    ("audit", "--limit"): "jumlah catatan paling banyak (bawaan 50)",
    ("audit", "--search"): "hanya catatan yang memuat teks ini",
    ("settings", "--set"): "ubah satu pengaturan (boleh berulang), mis. --set paper f4",
    ("spm report", "--out"): "berkas laporan: .xlsx atau .pdf",
    ("spm export", "--out"): "berkas .xlsx yang dibuat",
    ("spm export", "--service"): "hanya penerima layanan ini",
    ("spm export", "--year"): "hanya penerima yang berhak pada tahun ini",
    ("spm daftar-penerima", "--kecamatan"): "hanya penerima di kecamatan ini (kode, mis. 32.10.01)",
    ("spm daftar-penerima", "--out"): "berkas PDF yang dibuat",
    ("spm person add", "--year"): "tahun hak layanan (bawaan: tahun ini)",
    ("spm person list", "--service"): "hanya penerima layanan ini",
    ("spm person list", "--year"): "hanya penerima yang berhak pada tahun ini",
    ("spm person list", "--limit"): "jumlah penerima paling banyak (bawaan 50)",
    ("spm person status", "--status"): "active (aktif), moved (pindah) atau died (meninggal)",
    ("spm person status", "--date"): "tanggal pindah/meninggal (TTTT-BB-HH)",
    ("spm entitle", "--year"): "tahun hak layanan",
    ("spm assess", "--component"): "komponen yang dinilai perlu (boleh berulang)",
    ("spm assess", "--date"): "tanggal asesmen (TTTT-BB-HH)",
    ("spm deliver", "--date"): "tanggal layanan diberikan (TTTT-BB-HH)",
    ("spm deliver", "--person"): "nomor (id) penerima (boleh berulang)",
    ("spm deliver", "--nik"): "NIK penerima (boleh berulang)",
    ("spm deliver", "--quantity"): "jumlah yang diberikan per orang, mis. 10",
    ("spm deliver", "--unit"): "satuan jumlah, mis. kg",
    ("spm disaster add", "--type"): "jenis bencana, mis. banjir",
    ("spm disaster add", "--date"): "tanggal kejadian (TTTT-BB-HH)",
    ("spm disaster add", "--jiwa"): "jumlah jiwa terdampak",
    ("spm disaster add", "--kk"): "jumlah KK terdampak",
    ("spm disaster add", "--children"): "jumlah anak terdampak",
    ("spm disaster add", "--elderly"): "jumlah lanjut usia terdampak",
    ("spm disaster add", "--disabled"): "jumlah penyandang disabilitas terdampak",
    ("spm disaster add", "--pregnant"): "jumlah ibu hamil/menyusui terdampak",
    ("spm disaster add", "--psychosocial"): "jumlah yang memerlukan dukungan psikososial",
    ("spm disaster add", "--location"): "lokasi kejadian (desa, dusun)",
    ("spm disaster deliver", "event"): "nomor (id) kejadian bencana (lihat 'spm disaster list')",
    ("spm disaster deliver", "--date"): "tanggal layanan diberikan (TTTT-BB-HH)",
    ("spm disaster deliver", "--jiwa"): "jumlah jiwa yang dilayani",
    ("spm disaster deliver", "--person"): "nomor (id) penerima bila layanan untuk satu orang",
    ("spm budget", "--allocated"): "anggaran yang dialokasikan (rupiah)",
    ("spm budget", "--spent"): "anggaran yang terealisasi (rupiah)",
    ("spm budget", "--problems"): "permasalahan",
    ("spm budget", "--solutions"): "upaya pemecahan masalah",
    ("spm template", "--out"): "berkas templat .xlsx yang dibuat",
    ("spm import", "file"): "berkas .xlsx yang diimpor",
    ("spm import", "--year"): "tahun hak layanan penerima yang diimpor",
    ("spm import-deliveries", "file"): "berkas .xlsx yang diimpor",
    ("spm import-deliveries", "--year"): "tahun layanan yang diimpor",
    ("dekon template", "--out"): "berkas templat .xlsx yang dibuat",
    ("dekon import", "file"): "berkas .xlsx yang diimpor",
    ("dekon entry", "--volume"): "volume (capaian fisik) bulan ini",
    ("dekon entry", "--narrative"): "uraian kegiatan bulan ini",
    ("dekon entry", "--indicator"): "nilai indikator, mis. --indicator peserta=40 (boleh berulang)",
    ("dekon entry", "--month"): "bulan realisasi 1–12",
    ("dekon rencana", "--month"): "sampai bulan ini (1–12, bawaan 12)",
    ("dekon revise-pagu", "--pagu"): "pagu baru dalam rupiah",
    ("dekon revise-pagu", "--reason"): "alasan revisi (dicatat di log audit)",
    ("dekon problem", "--status"): "terbuka, proses atau selesai",
    ("dekon participant", "--name"): "nama peserta",
    ("dekon participant", "--nik"): "NIK peserta (16 angka)",
    ("dekon participant", "--kecamatan"): "kode kecamatan tempat tinggal peserta",
    ("dekon attach", "file"): "berkas bukti (foto, PDF) yang dilampirkan",
    ("dekon attach", "--caption"): "keterangan lampiran",
    ("dekon report", "--out"): "berkas laporan: .xlsx atau .pdf",
    ("rakor pdf", "--out"): "berkas PDF yang dibuat",
    ("rakor xlsx", "--out"): "berkas .xlsx yang dibuat",
    ("sync export", "--out"): "folder tujuan paket (flashdisk atau folder untuk lampiran surel)",
    ("sync receipt", "file"): "berkas tanda terima dari Kementerian",
    ("sync ministry-key", "file"): "berkas kunci publik Kementerian (.pub)",
    ("sync office-key", "--out"): "berkas kunci publik kantor (.pub) yang dibuat",
    ("ministry keygen", "--out-dir"): "folder tujuan pasangan kunci Kementerian",
    ("ministry init", "--key"): "berkas kunci privat Kementerian",
    ("ministry import", "paths"): "berkas paket atau folder berisi paket",
    ("ministry report", "--out"): "berkas rekap .xlsx (tanpa ini: ringkasan di layar)",
    ("ministry rakor", "--out"): "berkas rekap .xlsx yang dibuat",
    ("ministry receipts", "--out"): "folder tujuan tanda terima",
    ("ministry demo", "--offices"): "jumlah kantor contoh (bawaan 30)",
    ("ministry demo", "--year"): "tahun data contoh (bawaan: tahun ini)",
    ("ministry accept-key", "--office"): "kode wilayah kantor",
    ("ministry accept-key", "file"): "berkas kunci publik kantor (.pub)",
    ("ministry enrol", "--office"): "kode wilayah kantor yang didaftarkan, mis. 32.10",
    ("ministry enrol", "--out"): "berkas pendaftaran (.kdenrol) yang dibuat",
}


def describe(command: str, action) -> str | None:
    """Words for an option of ``command`` (``"spm deliver"``), or None when none are known."""
    names = list(action.option_strings) or [action.dest]
    for name in names:
        if (command, name) in BY_COMMAND:
            return BY_COMMAND[(command, name)]
    for name in names:
        if name in BY_OPTION:
            return BY_OPTION[name]
    return None


def metavar(action) -> str | None:
    """The metavar argparse should show, in Indonesian (None: leave argparse's own)."""
    if isinstance(action.metavar, str):
        return METAVARS.get(action.metavar, action.metavar)
    if action.metavar is None and action.nargs != 0 and not action.choices:
        return DEST_METAVARS.get(action.dest)
    return None
