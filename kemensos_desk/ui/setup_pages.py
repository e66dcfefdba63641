"""The data pages of the setup wizard: level, region, office, head of office, administrator.

Labels, hints and rules come from ``forms/office_setup.json`` and ``forms/user.json``
through ``ui.forms.FormView``; each page checks its own fields before moving on.
"""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizardPage

from kemensos_desk.core import regions
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.forms import load_form, parse_form
from kemensos_desk.core.i18n import tr
from kemensos_desk.services import users as user_service
from kemensos_desk.ui import fit
from kemensos_desk.ui.forms import FormView, password_pair_problem
from kemensos_desk.ui.widgets.region_picker import RegionPicker


def office_form():
    return load_form("office_setup")


class FormPage(QWizardPage):
    """A wizard page holding one ``FormView``; Next checks the page's fields."""

    fields: tuple[str, ...] = ()

    def __init__(self, title: str, subtitle: str, form, custom=None, radio=(), parent=None):
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        body = QWidget()
        outer.addWidget(fit.scroll_body(body))  # a short screen scrolls the fields, the buttons stay
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(8, 8, 8, 8)
        self.layout_.setSpacing(10)
        self.view = FormView(form, self.fields, custom=custom, radio=radio)
        self.layout_.addWidget(self.view)
        self.layout_.addStretch(1)

    def validatePage(self) -> bool:  # noqa: N802 (Qt's name)
        return self.view.validate()


class LevelPage(FormPage):
    fields = ("level",)

    def __init__(self, parent=None):
        super().__init__(tr("Tingkat kantor"), tr("Kantor Anda Dinas Sosial tingkat apa?"), office_form(),
                         radio=("level",), parent=parent)
        self.view.set_value("level", "kabupaten")
        note = QLabel(tr("Dinas Sosial Provinsi mengoordinasikan kabupaten/kota di provinsinya; Dinas Sosial "
                         "Kabupaten atau Kota melayani warganya langsung. Tingkat dan wilayah kantor tidak dapat "
                         "diubah setelah penyiapan."))
        note.setObjectName("notice")
        note.setWordWrap(True)
        self.layout_.insertWidget(1, note)


class RegionPage(FormPage):
    fields = ("region_code",)

    def __init__(self, parent=None):
        self.picker = RegionPicker("kabupaten")
        super().__init__(tr("Wilayah"), tr("Pilih provinsi, lalu kabupaten/kota. Ketik untuk mencari."),
                         office_form(), custom={"region_code": self.picker}, parent=parent)

    def initializePage(self) -> None:  # noqa: N802
        self.picker.set_level(self.wizard().value_of("level"))

    def validatePage(self) -> bool:  # noqa: N802
        if not self.view.validate():
            return False
        try:
            regions.office_region(self.picker.level, self.picker.value())
        except Refused as exc:
            self.view.set_error("region_code", exc.message)
            return False
        return True


class OfficePage(FormPage):
    fields = ("office_name", "address", "phone", "email")

    def __init__(self, parent=None):
        super().__init__(tr("Data kantor"), tr("Nama dan alamat seperti pada kop surat."), office_form(), parent=parent)
        self._prefilled = ""

    def initializePage(self) -> None:  # noqa: N802
        region = regions.get(self.wizard().value_of("region_code") or "")
        if region is None:
            return
        name = f"Dinas Sosial {'Provinsi ' + region.name if region.level == 'provinsi' else region.name}"
        current = self.view.value("office_name")
        if not current or current == self._prefilled:
            self.view.set_value("office_name", name)
            self._prefilled = name


class HeadPage(FormPage):
    fields = ("head_name", "head_nip")

    def __init__(self, parent=None):
        super().__init__(tr("Kepala Dinas"), tr("Nama dan NIP untuk blok tanda tangan pada laporan."), office_form(),
                         parent=parent)


def _repeat_form():
    return parse_form({"form": "password_repeat", "fields": [
        {"name": "password_again", "type": "password", "required": True,
         "label": {"id": tr("Ulangi kata sandi"), "en": tr("Ulangi kata sandi")}}]})


class AdminPage(FormPage):
    fields = ("username", "full_name", "password")

    def __init__(self, parent=None):
        super().__init__(tr("Akun administrator"),
                         tr("Administrator mengelola pengguna, pengaturan dan log audit. Akun lain dapat ditambahkan nanti."),
                         load_form("user"), parent=parent)
        self.repeat = FormView(_repeat_form())
        self.layout_.insertWidget(1, self.repeat)
        note = QLabel(tr("Setelah penyiapan, aplikasi menampilkan kode pemulihan sekali saja: "
                         "dengan kode itu kata sandi administrator dapat diatur ulang."))
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.layout_.insertWidget(2, note)

    def values(self) -> dict:
        values = self.view.values()
        values["username"] = (values.get("username") or "").lower()
        values["role"] = "administrator"
        return values

    def validatePage(self) -> bool:  # noqa: N802
        ok = self.view.validate()
        pair = password_pair_problem(self.view.value("password"), self.repeat.value("password_again"))
        self.repeat.set_error("password_again", pair)
        if not ok or pair:
            return False
        problems = user_service.validate_new_user(self.values())
        self.view.show_problems(problems)
        return not problems
