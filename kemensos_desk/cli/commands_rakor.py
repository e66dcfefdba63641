"""``kemensos-desk rakor ...``: the Rakor material: PDF, proposals .xlsx, completeness, approval (issue 6)."""
from __future__ import annotations

import argparse
from pathlib import Path

from kemensos_desk.core import formatting
from kemensos_desk.core.errors import UsageError
from kemensos_desk.core.i18n import tr


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", type=int, required=True, metavar="N",
                   help="tahun Rakor diselenggarakan (capaian N−1, usulan N+1)")
    p.add_argument("--json", action="store_true", help="keluaran JSON untuk skrip")


def register(sub) -> None:
    p = sub.add_parser("rakor", help="bahan Rapat Koordinasi Perencanaan Kesejahteraan Sosial Tingkat Daerah")
    rsub = p.add_subparsers(dest="rakor_command", metavar="AKSI", required=True, parser_class=type(p))

    q = rsub.add_parser("pdf", help="cetak bahan Rakor (.pdf)")
    _common(q)
    q.add_argument("--out", required=True, metavar="FILE.pdf")
    q.add_argument("--paper", choices=["a4", "f4"], default=None, help="ukuran kertas (bawaan: pengaturan kantor)")
    q.set_defaults(handler=cmd_pdf)

    q = rsub.add_parser("xlsx", help="tabel usulan (dan capaian) untuk kompilasi kementerian (.xlsx)")
    _common(q)
    q.add_argument("--out", required=True, metavar="FILE.xlsx")
    q.set_defaults(handler=cmd_xlsx)

    q = rsub.add_parser("status", help="kelengkapan tiap bagian dan hitung mundur ke batas Rakor")
    _common(q)
    q.set_defaults(handler=cmd_status)

    q = rsub.add_parser("approve", help="setujui versi akhir; angka dibekukan (verifikator)")
    _common(q)
    q.set_defaults(handler=cmd_approve)

    q = rsub.add_parser("reopen", help="buka kembali bahan yang sudah disetujui (administrator)")
    _common(q)
    q.add_argument("--reason", required=True)
    q.set_defaults(handler=cmd_reopen)


def _out(text: str, suffix: str) -> Path:
    out = Path(text).expanduser()
    if out.suffix.lower() != suffix:
        raise UsageError("Berkas keluaran harus berakhiran {suffix}: {path}", suffix=suffix, path=text)
    return out


def cmd_pdf(ctx) -> int:
    from kemensos_desk.services.rakor import pdf

    out = _out(ctx.args.out, ".pdf")
    ws = ctx.workspace()
    paper = ctx.args.paper or ws.setting("paper") or "a4"
    path = pdf.write_pdf(ws, ctx.args.year, out, paper=paper)
    ctx.emit({"out": str(path), "year": ctx.args.year, "paper": paper},
             tr("Bahan Rakor {year} ditulis ke {path}.", year=ctx.args.year, path=path))
    return 0


def cmd_xlsx(ctx) -> int:
    from kemensos_desk.services.rakor import xlsx

    out = _out(ctx.args.out, ".xlsx")
    path = xlsx.write_xlsx(ctx.workspace(), ctx.args.year, out)
    ctx.emit({"out": str(path), "year": ctx.args.year},
             tr("Tabel usulan Rakor {year} ditulis ke {path}.", year=ctx.args.year, path=path))
    return 0


def cmd_status(ctx) -> int:
    from kemensos_desk.services.rakor import material

    doc = material.status(ctx.workspace(), ctx.args.year)
    state = tr("disetujui") if doc["status"] == "approved" else tr("rancangan")
    lines = [tr("Bahan Rakor {year} ({state}) · {countdown}", year=doc["year"], state=state, countdown=doc["countdown"])]
    for part in doc["parts"]:
        mark = "✓" if part["complete"] else "·"
        lines.append(f"  {mark} {part['title']}: {formatting.angka(part['percent'])}%")
        lines += [f"      – {m}" for m in part["missing"]]
    ctx.emit(doc, lines)
    return 0


def cmd_approve(ctx) -> int:
    from kemensos_desk.services.rakor import material

    actor = ctx.actor("data.approve")
    doc = material.approve(ctx.workspace(), actor, ctx.args.year)
    ctx.emit({"year": ctx.args.year, "status": doc["status"], "approved_by": doc["approved_by"],
              "approved_at": doc["approved_at"]},
             tr("Bahan Rakor {year} disetujui; angkanya dibekukan.", year=ctx.args.year))
    return 0


def cmd_reopen(ctx) -> int:
    from kemensos_desk.services.rakor import material

    actor = ctx.actor("period.reopen")
    material.reopen(ctx.workspace(), actor, ctx.args.year, ctx.args.reason)
    ctx.emit({"year": ctx.args.year, "status": "draft"},
             tr("Bahan Rakor {year} dibuka kembali.", year=ctx.args.year))
    return 0
