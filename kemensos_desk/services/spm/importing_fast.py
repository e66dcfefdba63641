"""The fast lane of the beneficiary import: rows that are plainly valid, found column by column.

A 100,000-row list is nearly all good rows, and taking each through ``_parse`` and
``register.validate_person`` (one object and a dozen calls per cell) cost most of the
import. Here each column is read once as a list and each distinct value of the coded
columns (sex, kecamatan, found-via, start date) is looked at once. ``plain_rows`` gives,
for each row, what those full checks would give for a row without any problem or
warning, or ``None`` whenever it is not sure: that row then takes the full checks, which
word every refusal and warning. So this module never decides a refusal and never says
anything to the user; ``tests/test_spm_import_fast.py`` compares both ways row by row.
"""
from __future__ import annotations

import datetime as _dt
from typing import Callable

from kemensos_desk.core import nik as nik_rules
from kemensos_desk.core import regions, tabular
from kemensos_desk.core.errors import Refused
from kemensos_desk.services.importing import Table
from kemensos_desk.services.spm import common
from kemensos_desk.services.spm import register as reg

NOT_PLAIN = object()  # an answer for a cell that needs the full checks
EARLIEST_BIRTH = _dt.date(1900, 1, 1)  # as register.validate_person
TEXT_FIELDS = ("birth_place", "desa", "rt", "rw", "street", "dtks_id", "institution", "notes")


class FastLane:
    def __init__(self, table: Table, matcher: tabular.KecamatanMatcher, office_region: str, *, today: _dt.date,
                 year: int, session, locked: set, found_via: Callable[[object], str | None]):
        # Combined columns (``Tempat/Tanggal Lahir``, ``RT/RW``) always take the full checks.
        self.present = table.header.columns.keys()
        self.enabled = not ({"birth_place_date", "rt_rw"} & self.present)
        self.matcher, self.region, self.today, self.year = matcher, office_region, today, year
        self.session, self.locked, self.parse_found_via = session, locked, found_via
        self.found_via_codes = None

    def plain_rows(self, table: Table) -> list[tuple[reg.PersonData, _dt.date] | None]:
        n = len(table.rows)
        if not self.enabled:
            return [None] * n
        columns = table.columns()
        present = self.present

        def column(name: str) -> list:
            return columns[name] if name in present else [None] * n

        def distinct(name: str, answer: Callable) -> list:
            # One answer per distinct value (place, desa, RT/RW, kecamatan repeat a lot). Other
            # than text, a value is keyed with its type: 1, 1.0 and True are equal in Python.
            if name not in present:
                return [answer(None)] * n
            keys = [x if x.__class__ is str else (x.__class__, x) for x in column(name)]
            known = {k: answer(k if k.__class__ is str else k[1]) for k in set(keys)}
            return [known[k] for k in keys]

        def text(name: str) -> list:
            return distinct(name, lambda x: tabular.clean_text(x) or None)

        coded = distinct

        niks = column("nik")
        names = [(" ".join(x.split()) if x.__class__ is str else tabular.clean_text(x)) for x in column("name")]
        sexes = coded("sex", _plain_sex)
        borns = [x if x.__class__ is _dt.date else _date(x) for x in column("birth_date")]
        kecs = coded("kecamatan", self._plain_kecamatan)
        kks = column("kk")
        reasons = column("no_nik_reason")
        vias = coded("found_via", self._plain_found_via)
        starts = coded("start_date", self._plain_start)
        texts = [text(f) for f in TEXT_FIELDS]

        out: list = [None] * n
        region, today = self.region, self.today
        plainly_valid, kk_plainly_valid = nik_rules.plainly_valid, nik_rules.kk_plainly_valid
        person = reg.PersonData
        for i, (nik, name, sex, born, kec, kk, reason, via, start, place, desa, rt, rw, street, dtks_id, institution,
                notes) in enumerate(zip(niks, names, sexes, borns, kecs, kks, reasons, vias, starts, *texts)):
            if (nik.__class__ is not str or len(nik) != 16 or not nik.isdigit() or not name or len(name) > 120
                    or sex is None or born is None or kec is None or via is NOT_PLAIN or start is None
                    or (reason is not None and reason != "")):  # a reason next to a NIK: the full checks read it
                continue
            if not EARLIEST_BIRTH <= born <= today or not plainly_valid(nik, sex, born, region, today):
                continue
            if kk is not None and kk != "" and not (kk.__class__ is str and kk_plainly_valid(kk, region)):
                continue
            if (rt and not (rt.isdigit() and len(rt) <= 3)) or (rw and not (rw.isdigit() and len(rw) <= 3)):
                continue
            out[i] = (person(name=name, sex=sex, birth_date=born, kecamatan_code=kec, nik=nik, kk=kk or None,
                             birth_place=place, desa=desa, rt=rt, rw=rw, street=street, dtks_id=dtks_id,
                             found_via=via, institution=institution, notes=notes), start)
        return out

    # --- one answer per distinct cell value ------------------------------------------------
    def _plain_kecamatan(self, value) -> str | None:
        try:
            kec = self.matcher.match(value)
        except tabular.CellError:
            return None
        if kec is None:
            return None
        code = regions.normalize_code(kec.code)
        found = regions.get(code)
        ok = found is not None and found.level == "kecamatan" and found.code.startswith(self.region + ".")
        return code if ok else None

    def _plain_found_via(self, value):
        try:
            code = self.parse_found_via(value)
        except tabular.CellError:
            return NOT_PLAIN
        if code is None:
            return None
        from kemensos_desk.services.spm import reference

        code = " ".join(code.split()).lower()
        return code if code in reference.choices()["found_via"] else NOT_PLAIN

    def _plain_start(self, value) -> _dt.date | None:
        if tabular.is_blank(value):
            start = common.default_start(self.year, self.locked)
        else:
            start = _date(value)
            if start is None or start.year != self.year:
                return None
        try:
            common.ensure_open(self.session, start, self.locked)
        except Refused:
            return None
        return start


def _date(value) -> _dt.date | None:
    try:
        return tabular.parse_date(value)
    except tabular.CellError:
        return None


def _plain_sex(value) -> str | None:
    try:
        sex = tabular.parse_sex(value)
    except tabular.CellError:
        return None
    return sex if sex in ("L", "P") else None
