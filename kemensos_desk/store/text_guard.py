"""No control character reaches the office store, whichever screen or command wrote it.

The forms and the register name the field in their refusals; this guard is the net under
them for every other text (dekon problems, Rakor drafts, disaster names, settings): before
each flush, the string columns of new and changed rows are checked. Newlines and tabs pass
(notes are multi-line; single-line fields refuse them in their own validation).
"""
from __future__ import annotations

from sqlalchemy import String, event, inspect
from sqlalchemy.orm import Session, sessionmaker

from kemensos_desk.core.errors import Refused
from kemensos_desk.core.text import control_chars


def install(sessions: sessionmaker) -> None:
    event.listen(sessions, "before_flush", _check_flush)


def _check_flush(session: Session, _context, _instances) -> None:
    for obj in (*session.new, *session.dirty):
        state = inspect(obj)
        for column in state.mapper.columns:
            if not isinstance(column.type, String):
                continue
            key = state.mapper.get_property_by_column(column).key
            value = state.dict.get(key)
            if isinstance(value, str) and value:
                found = control_chars(value, multiline=True)
                if found:
                    label = column.info.get("label") or key
                    raise Refused("Teks '{field}' memuat karakter kendali yang tidak diizinkan ({codes}); "
                                  "ketik ulang tanpa karakter itu.", field=label, codes=", ".join(found[:5]))
