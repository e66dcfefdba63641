"""Rakor PDF: the demo office's full Rakor material as PDF (``rakor pdf``); no baseline,
the time and the page count are reported (aim: under 2 s)."""
from __future__ import annotations

from tests.bench import data, harness


@harness.case("Rakor PDF")
def rakor(bench: harness.Bench) -> list[harness.Result]:
    from pypdf import PdfReader

    from kemensos_desk.services import demo
    from kemensos_desk.services.rakor import pdf
    from kemensos_desk.services.workspace import Workspace

    work = bench.dir("rakor")
    ws = Workspace.open(work / "data")
    try:
        demo.create_demo(ws, data.PASSWORD, year=data.YEAR, size="small" if bench.quick else "normal")
        value, path = harness.timed(pdf.write_pdf, ws, data.YEAR, work / "rakor.pdf", repeat=bench.size(3, 1))
    finally:
        ws.close()
    pages = len(PdfReader(str(path)).pages)
    return [harness.result("Rakor PDF", value, None, "< 2 s", value < 2, note=f"{pages} halaman")]
