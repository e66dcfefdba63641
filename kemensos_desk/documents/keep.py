"""Keeping a signature block with the end of the table before it, without leaving a page
almost blank.

reportlab's ``KeepTogether`` moves its whole content to the next page when it does not fit:
a closing table of ten rows and the signature under it then leave the page before nearly
empty. :class:`KeepWithLastRows` splits the table instead: the rows that fit stay where they
are, and only the last few rows travel with the signature, so the signature never stands
alone and no page is given away.
"""
from __future__ import annotations

from reportlab.platypus import CondPageBreak, KeepTogether, Table

MIN_ROWS = 2  # data rows that go over with the signature


class KeepWithLastRows(KeepTogether):
    def __init__(self, flowables, min_rows: int = MIN_ROWS):
        super().__init__(flowables)
        self._min_rows = min_rows

    def split(self, aW, aH):
        if getattr(self, "_wrapInfo", None) != (aW, aH):
            self.wrap(aW, aH)
        if self._H > aH:
            parts = self._split_table(aW, aH)
            if parts is not None:
                return parts
        return super().split(aW, aH)

    def _split_table(self, aW, aH):
        content = self._content
        at = next((i for i, f in enumerate(content) if isinstance(f, Table)), None)
        if at is None:
            return None
        before, table, after = content[:at], content[at], content[at + 1:]
        used = 0.0
        for f in before:
            used += f.wrap(aW, aH)[1] + f.getSpaceBefore() + f.getSpaceAfter()
        room = aH - used
        if room <= 0:
            return None
        table.wrap(aW, room)
        heights = list(getattr(table, "_rowHeights", None) or [])
        head = table.repeatRows if isinstance(table.repeatRows, int) else len(table.repeatRows or ())
        n, filled = head, sum(heights[:head])
        while n < len(heights) and filled + heights[n] <= room:
            filled += heights[n]
            n += 1
        n = min(n, len(heights) - self._min_rows)
        if n <= head:
            return None  # not even one row can stay: the whole group moves, as KeepTogether does
        pieces = table.split(aW, sum(heights[:n]) + 0.01)
        if len(pieces) != 2:
            return None
        return before + [pieces[0], KeepWithLastRows([pieces[1]] + list(after), self._min_rows)]


class ChapterBreak(CondPageBreak):
    """A chapter starts on a new page, unless the page so far holds only the last lines of the
    chapter before (less than ``share`` of the page): then it starts here, and that page is not
    left almost blank."""

    def __init__(self, share: float = 0.35):
        super().__init__(0)
        self._share = share

    def wrap(self, availWidth, availHeight):
        frame = self._doctemplateAttr("frame")
        used = (frame._height - availHeight) if frame is not None else 0
        self.height = availHeight + 1 if frame is not None and used > self._share * frame._height else 0
        return super().wrap(availWidth, availHeight)
