"""Paper sizes in points: A4 (210 × 297 mm) and F4/Folio (215 × 330 mm), portrait or landscape."""
from __future__ import annotations

MM = 72 / 25.4  # points per millimetre

PAPERS = {
    "a4": (210 * MM, 297 * MM),  # 595.28 × 841.89 pt
    "f4": (215 * MM, 330 * MM),  # 609.45 × 935.43 pt
}
PAPER_LABELS = {"a4": "A4", "f4": "F4 (215 × 330 mm)"}


def page_size(paper: str = "a4", landscape: bool = False) -> tuple[float, float]:
    """``page_size("f4")`` -> ``(609.45..., 935.43...)``; unknown names raise ``ValueError``."""
    key = (paper or "a4").lower()
    if key not in PAPERS:
        raise ValueError(f"ukuran kertas tidak dikenal: {paper}")
    w, h = PAPERS[key]
    return (h, w) if landscape else (w, h)
