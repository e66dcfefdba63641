"""The pages of the main window and how modules plug into it.

Contract for a module ``<key>`` (``dashboard``, ``spm``, ``dekon``, ``rakor``, ``sync``,
``settings``): a module or package ``kemensos_desk.ui.pages.<key>`` with
``create_page(ctx: AppContext) -> QWidget`` and, optionally,
``dashboard_card(ctx) -> QWidget | None`` for the Beranda page. A key with no module yet
shows a placeholder saying what it will do; a module that fails to load shows a
message (the traceback goes to the log), never a crash.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from types import ModuleType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kemensos_desk import logs
from kemensos_desk.core.i18n import tr
from kemensos_desk.ui import theme


@dataclass(frozen=True)
class PageInfo:
    key: str
    title: str  # Indonesian source text; shown through tr()
    icon: str
    purpose: str


PAGES: tuple[PageInfo, ...] = (
    PageInfo("dashboard", "Beranda", "beranda", "Ringkasan kantor dan pintasan ke pekerjaan sehari-hari."),
    PageInfo("spm", "SPM", "spm", "Standar Pelayanan Minimal bidang sosial: pendataan penerima layanan per jenis "
             "layanan, capaian per triwulan dan laporan tahunan."),
    PageInfo("dekon", "Dekon/TP", "dekon", "Dana dekonsentrasi dan tugas pembantuan: pagu, realisasi anggaran dan "
             "fisik per kegiatan, dan laporan berkala."),
    PageInfo("rakor", "Rakor", "rakor", "Bahan Rapat Koordinasi Perencanaan Kesejahteraan Sosial: Renstra, capaian "
             "dekon/TP, usulan tahun depan, dengan kop dan tanda tangan Kepala Dinas."),
    PageInfo("sync", "Sinkronisasi", "sinkronisasi", "Paket sinkronisasi terenkripsi untuk Biro Perencanaan "
             "Kementerian Sosial, dan tanda terimanya."),
    PageInfo("settings", "Pengaturan", "pengaturan", "Bahasa, kertas, data kantor, pengguna, log audit dan cadangan."),
)


def info(key: str) -> PageInfo:
    return next(p for p in PAGES if p.key == key)


class _Broken(Exception):
    pass


def page_module(key: str) -> ModuleType | None:
    """``kemensos_desk.ui.pages.<key>`` if it exists; None if it is not written yet."""
    name = f"{__name__}.{key}"
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        logs.log.error("modul halaman %s gagal dimuat", key, exc_info=exc)
        raise _Broken(key) from exc
    except Exception as exc:
        logs.log.error("modul halaman %s gagal dimuat", key, exc_info=exc)
        raise _Broken(key) from exc


def _message_page(key: str, title: str, text: str, icon_color: str) -> QWidget:
    page = QWidget()
    page.setObjectName("placeholder")
    layout = QVBoxLayout(page)
    layout.setAlignment(Qt.AlignCenter)
    layout.setSpacing(12)
    pic = QLabel()
    pic.setPixmap(theme.icon(info(key).icon, icon_color, 128).pixmap(72, 72))
    pic.setAlignment(Qt.AlignCenter)
    layout.addWidget(pic)
    head = QLabel(title)
    head.setObjectName("placeholderTitle")
    head.setAlignment(Qt.AlignCenter)
    layout.addWidget(head)
    body = QLabel(text)
    body.setObjectName("placeholderText")
    body.setAlignment(Qt.AlignCenter)
    body.setWordWrap(True)
    body.setMaximumWidth(560)
    layout.addWidget(body, 0, Qt.AlignHCenter)
    return page


def placeholder(key: str) -> QWidget:
    p = info(key)
    return _message_page(key, tr("{title}: modul ini sedang disiapkan", title=tr(p.title)),
                         tr(p.purpose) + "\n\n" + tr("Modul ini akan tersedia pada pembaruan berikutnya."), "#9aa8ae")


def create_page(key: str, ctx) -> QWidget:
    try:
        module = page_module(key)
        if module is not None and hasattr(module, "create_page"):
            return module.create_page(ctx)
    except Exception as exc:  # a broken module must not take the whole window down
        if not isinstance(exc, _Broken):
            logs.log.error("halaman %s gagal dibuat", key, exc_info=exc)
        return _message_page(key, tr("Modul {title} tidak dapat dibuka", title=tr(info(key).title)),
                             tr("Terjadi kesalahan saat memuat modul ini. Rinciannya dicatat di berkas log pada folder data."),
                             theme.ERROR)
    return placeholder(key)


def dashboard_cards(ctx) -> list[QWidget]:
    """The cards modules offer for Beranda, in navigation order."""
    cards = []
    for p in PAGES:
        if p.key == "dashboard":
            continue
        try:
            module = page_module(p.key)
            maker = getattr(module, "dashboard_card", None) if module else None
            card = maker(ctx) if maker else None
        except Exception as exc:
            if not isinstance(exc, _Broken):
                logs.log.error("kartu beranda %s gagal dibuat", p.key, exc_info=exc)
            continue
        if card is not None:
            cards.append(card)
    return cards
