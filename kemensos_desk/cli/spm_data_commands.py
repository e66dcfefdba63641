"""``kemensos-desk spm person|entitle|assess|deliver|disaster|budget``: the SPM data entry commands."""
from __future__ import annotations

from kemensos_desk.cli.commands_spm import iso_date, json_flag
from kemensos_desk.core import formatting, i18n
from kemensos_desk.core.errors import Refused
from kemensos_desk.services.spm import budget, deliveries, disaster, reference, register as reg
from kemensos_desk.services.spm.register_query import RegisterFilter, person_ids, rows_by_ids

_PERSON_FIELDS = ("nik", "no_nik_reason", "kk", "name", "sex", "birth_place", "birth_date", "kecamatan_code",
                  "desa", "rt", "rw", "street", "dtks_id", "found_via", "institution", "notes")


def _person_args(q, required: bool) -> None:
    q.add_argument("--name", required=required)
    q.add_argument("--sex", required=required, help="L atau P")
    q.add_argument("--birth-date", type=iso_date, required=required)
    q.add_argument("--kecamatan", dest="kecamatan_code", required=required, metavar="KODE", help="mis. 32.10.01")
    q.add_argument("--nik")
    q.add_argument("--no-nik-reason", help="belum_memiliki, tidak_diketahui, dalam_pengurusan, lainnya")
    for name in ("kk", "birth-place", "desa", "rt", "rw", "street", "dtks-id", "found-via", "institution", "notes"):
        q.add_argument(f"--{name}")


def register(spm) -> None:
    p = spm.add_parser("person", help="daftar penerima (register)")
    ps = p.add_subparsers(dest="person_command", metavar="AKSI", required=True, parser_class=type(p))
    q = ps.add_parser("add", help="tambah penerima")
    _person_args(q, True)
    q.add_argument("--service", action="append", default=[], help="layanan yang menjadi haknya (boleh berulang)")
    q.add_argument("--year", type=int)
    q.add_argument("--start-date", type=iso_date)
    json_flag(q)
    q.set_defaults(handler=cmd_person_add)
    q = ps.add_parser("edit", help="ubah data penerima (hanya kolom yang disebut)")
    q.add_argument("id", type=int)
    _person_args(q, False)
    json_flag(q)
    q.set_defaults(handler=cmd_person_edit)
    q = ps.add_parser("list", help="cari penerima (NIK atau awal nama)")
    q.add_argument("--search", default="")
    q.add_argument("--service")
    q.add_argument("--year", type=int)
    q.add_argument("--limit", type=int, default=50)
    json_flag(q)
    q.set_defaults(handler=cmd_person_list)
    q = ps.add_parser("status", help="catat pindah / meninggal / aktif kembali")
    q.add_argument("id", type=int)
    q.add_argument("--status", required=True, choices=["active", "moved", "died"])
    q.add_argument("--date", type=iso_date)
    json_flag(q)
    q.set_defaults(handler=cmd_person_status)

    q = spm.add_parser("entitle", help="daftarkan penerima pada layanan dan tahun")
    q.add_argument("id", type=int)
    q.add_argument("--service", required=True)
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--start-date", type=iso_date)
    json_flag(q)
    q.set_defaults(handler=cmd_entitle)

    q = spm.add_parser("assess", help="catat hasil asesmen (komponen sesuai asesmen yang dibutuhkan)")
    q.add_argument("id", type=int)
    q.add_argument("--service", required=True)
    q.add_argument("--component", action="append", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    json_flag(q)
    q.set_defaults(handler=cmd_assess)

    q = spm.add_parser("deliver", help="catat layanan yang diberikan kepada satu atau banyak penerima")
    q.add_argument("--service", required=True)
    q.add_argument("--component", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    q.add_argument("--person", type=int, action="append", default=[], metavar="ID")
    q.add_argument("--nik", action="append", default=[])
    q.add_argument("--quantity", type=float)
    q.add_argument("--unit")
    q.add_argument("--provider")
    json_flag(q)
    q.set_defaults(handler=cmd_deliver)

    p = spm.add_parser("disaster", help="kejadian bencana dan layanannya")
    ds = p.add_subparsers(dest="disaster_command", metavar="AKSI", required=True, parser_class=type(p))
    q = ds.add_parser("add", help="catat kejadian bencana")
    q.add_argument("--type", dest="disaster_type", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    q.add_argument("--kecamatan", required=True)
    q.add_argument("--jiwa", type=int, required=True)
    for name in ("kk", "children", "elderly", "disabled", "pregnant", "psychosocial"):
        q.add_argument(f"--{name}", type=int, default=0)
    q.add_argument("--location")
    q.add_argument("--phase", choices=("tanggap_darurat", "pasca"), default="tanggap_darurat",
                   help="fase: tanggap_darurat (semua komponen) atau pasca (kelompok rentan dan psikososial)")
    json_flag(q)
    q.set_defaults(handler=cmd_disaster_add)
    q = ds.add_parser("deliver", help="catat layanan per kejadian (jumlah jiwa atau per orang)")
    q.add_argument("event", type=int)
    q.add_argument("--component", required=True)
    q.add_argument("--date", type=iso_date, required=True)
    q.add_argument("--jiwa", type=int, default=None)
    q.add_argument("--person", type=int, default=None)
    q.add_argument("--quantity", type=float, default=None, help="jumlah per jiwa dalam satuan komponen (permakanan: hari)")
    q.add_argument("--provider")
    json_flag(q)
    q.set_defaults(handler=cmd_disaster_deliver)
    q = ds.add_parser("list", help="kejadian bencana setahun")
    q.add_argument("--year", type=int, required=True)
    json_flag(q)
    q.set_defaults(handler=cmd_disaster_list)

    q = spm.add_parser("budget", help="anggaran APBD per layanan dan tahun")
    q.add_argument("--service", required=True)
    q.add_argument("--year", type=int, required=True)
    q.add_argument("--allocated", type=int, required=True)
    q.add_argument("--spent", type=int, required=True)
    q.add_argument("--problems")
    q.add_argument("--solutions")
    json_flag(q)
    q.set_defaults(handler=cmd_budget)


def _data(a, base: reg.PersonData | None = None) -> reg.PersonData:
    d = base or reg.PersonData()
    for f in _PERSON_FIELDS:
        value = getattr(a, f, None)
        if value is not None:
            setattr(d, f, value)
    return d


def _show(ws, pid: int) -> dict:
    with ws.store.session() as s:
        return rows_by_ids(s, [pid])[0]


def cmd_person_add(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.edit")
    ws = ctx.workspace()
    pid = reg.create_person(ws, actor, _data(a), a.service, a.year, a.start_date)
    row = _show(ws, pid)
    ctx.emit(row, i18n.tr("Penerima {name} dicatat (id {id}).", name=row["name"], id=pid))
    return 0


def cmd_person_edit(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.edit")
    ws = ctx.workspace()
    with ws.store.session() as s:
        base = reg.person_data(reg.get_person(s, a.id))
    reg.edit_person(ws, actor, a.id, _data(a, base))
    row = _show(ws, a.id)
    ctx.emit(row, i18n.tr("Data {name} diubah.", name=row["name"]))
    return 0


def cmd_person_list(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.read")  # NIK, KK, names and birth dates: personal data needs a login
    ws = ctx.workspace()
    with ws.store.session(actor.username) as s:
        rows = rows_by_ids(s, person_ids(s, RegisterFilter(a.search, a.service, a.year), limit=a.limit))
    ctx.emit(rows, [f"{r['id']:>7}  {r['nik'] or '(tanpa NIK)':<16}  {r['name']:<30} {r['sex']}  "
                    f"{formatting.tanggal(r['birth_date'])}  {r['kecamatan']}" for r in rows])
    return 0


def cmd_person_status(ctx) -> int:
    a = ctx.args
    reg.set_status(ctx.workspace(), ctx.actor("data.edit"), a.id, a.status, a.date)
    ctx.emit({"id": a.id, "status": a.status, "status_date": a.date}, i18n.tr("Status diubah."))
    return 0


def cmd_entitle(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.edit")
    with ctx.workspace().store.session(actor.username) as s:
        reg.entitle(s, reg.get_person(s, a.id), a.service, a.year, a.start_date)
    ctx.emit({"id": a.id, "service": a.service, "year": a.year}, i18n.tr("Hak layanan dicatat."))
    return 0


def cmd_assess(ctx) -> int:
    a = ctx.args
    n = deliveries.record_assessment(ctx.workspace(), ctx.actor("data.edit"), a.id, a.service, a.date.year,
                                     a.component, a.date)
    ctx.emit({"id": a.id, "new": n}, i18n.tr("{n} komponen asesmen baru dicatat.", n=n))
    return 0


def cmd_deliver(ctx) -> int:
    a = ctx.args
    actor = ctx.actor("data.edit")
    ws = ctx.workspace()
    ids = list(a.person)
    with ws.store.session() as s:
        for nik in a.nik:
            b = reg.find_by_nik(s, nik)
            if b is None:
                raise Refused("NIK {nik} tidak ada dalam daftar penerima.", nik=nik)
            ids.append(b.id)
    if not ids:
        raise Refused("Sebutkan penerima dengan --person ID atau --nik NIK.")
    counts = deliveries.record_bulk(ws, actor, ids, a.service, a.component, a.date, a.quantity, a.unit, a.provider)
    text = i18n.tr("{new} baru, {updated} diubah, {unchanged} tidak berubah.", **counts.as_dict())
    warnings = [counts.limit_text] if counts.limit_text else []
    ctx.emit({**counts.as_dict(), "warnings": warnings}, [text] + warnings)
    return 0


def cmd_disaster_add(ctx) -> int:
    a = ctx.args
    eid = disaster.add_event(ctx.workspace(), ctx.actor("data.edit"), disaster.EventData(
        a.disaster_type, a.date, a.kecamatan, a.jiwa, a.kk, a.children, a.elderly, a.disabled, a.pregnant,
        a.psychosocial, a.location, phase=a.phase))
    ctx.emit({"id": eid, "phase": a.phase}, i18n.tr("Kejadian bencana dicatat (id {id}).", id=eid))
    return 0


def cmd_disaster_deliver(ctx) -> int:
    a = ctx.args
    if a.jiwa is None and a.person is None:
        raise Refused("Sebutkan --jiwa (jumlah) atau --person ID.")
    status = disaster.deliver(ctx.workspace(), ctx.actor("data.edit"), a.event, a.component, a.date,
                              a.jiwa or 1, a.person, quantity=a.quantity, provider=a.provider)
    warning = disaster.quantity_warning(a.component, a.quantity)
    ctx.emit({"status": status, "warnings": [warning] if warning else []}, [status] + ([warning] if warning else []))
    return 0


def cmd_disaster_list(ctx) -> int:
    ws = ctx.workspace()
    with ws.store.session() as s:
        rows = disaster.events(s, ctx.args.year)
    phases = reference.phases()
    ctx.emit(rows, [f"{r['id']:>4}  {formatting.tanggal(r['event_date'])}  {r['disaster_type']}, {r['kecamatan']}: "
                    f"{formatting.angka(r['jiwa'])} jiwa ({phases.get(r['phase'], r['phase'])})" for r in rows])
    return 0


def cmd_budget(ctx) -> int:
    a = ctx.args
    budget.set_budget(ctx.workspace(), ctx.actor("data.edit"), a.service, a.year, a.allocated, a.spent,
                      a.problems, a.solutions)
    ctx.emit({"service": a.service, "year": a.year, "allocated": a.allocated, "spent": a.spent},
             i18n.tr("Anggaran dicatat."))
    return 0
