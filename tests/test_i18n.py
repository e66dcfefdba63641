"""Every message a user can see has an English entry with the same {placeholders}.

Messages are found in the code with ``ast``: ``tr("...")``, ``Message("...")`` and the first
argument of the error classes. The check is strict for the modules in ``STRICT_MODULES``; the others (feature modules and
the GUI while their catalogues ``resources/i18n/en/<module>.json`` are being written) are
listed with what they miss, not failed. Add a module to ``STRICT_MODULES`` once its
catalogue is complete, so it stays complete.
"""
import json
from collections import defaultdict

import pytest

from i18n_scan import PKG, all_strings, module_of, placeholders, strings_in
from kemensos_desk.core import i18n
from kemensos_desk.core.locations import resources_dir

EN_DIR = resources_dir() / "i18n" / "en"
STRICT_MODULES = {"foundation", "ui"}


@pytest.fixture(autouse=True)
def fresh_catalogue():
    i18n.catalogue.cache_clear()
    yield
    i18n.set_language("id")
    i18n.catalogue.cache_clear()


def missing_by_file() -> dict[str, list[str]]:
    catalogue = i18n.catalogue("en")
    out = defaultdict(list)
    for found in all_strings():
        rel = str(found.path.relative_to(PKG.parent))
        if found.text is None:
            out[rel].append(f"line {found.line}: an f-string cannot be translated; use tr('... {{x}}', x=...)")
        elif found.text not in catalogue:
            out[rel].append(f"line {found.line}: no English for {found.text!r}")
        elif placeholders(catalogue[found.text]) != placeholders(found.text):
            out[rel].append(f"line {found.line}: placeholders differ for {found.text!r}: "
                            f"{sorted(placeholders(found.text))} vs {sorted(placeholders(catalogue[found.text]))}")
    return out


def test_scanner_finds_the_message_forms(tmp_path, monkeypatch):
    sample = PKG / "core" / "nip.py"
    texts = {f.text for f in strings_in(sample)}
    assert "NIP harus 18 angka (sekarang {n})." in texts
    assert module_of(sample) == "foundation"
    assert module_of(PKG / "services" / "spm" / "register.py") == "spm"
    assert module_of(PKG / "cli" / "commands_sync.py") == "sync"
    assert module_of(PKG / "ui" / "login.py") == "ui"
    assert module_of(PKG / "ui" / "pages" / "spm" / "page.py") == "spm"
    odd = PKG / "core" / "_scan_probe_does_not_exist.py"
    assert module_of(odd) == "foundation"


def test_catalogues_are_valid_json_objects_of_strings():
    files = sorted(EN_DIR.glob("*.json"))
    assert any(p.name == "foundation.json" for p in files)
    for path in files:
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, dict), path
        bad = [k for k, v in data.items() if not (isinstance(k, str) and isinstance(v, str) and v.strip())]
        assert bad == [], f"{path.name}: empty or non-text entries {bad[:5]}"
        wrong = [k for k, v in data.items() if placeholders(k) != placeholders(v)]
        assert wrong == [], f"{path.name}: placeholders differ in {wrong[:5]}"


def test_every_message_has_english():
    """Strict for ``STRICT_MODULES`` (the foundation: core, store, services, cli outside the
    feature modules; and the GUI shell); for the rest, prints which file misses what
    (see with ``pytest -s``)."""
    strict, pending = {}, {}
    for rel, problems in missing_by_file().items():
        (strict if module_of(PKG.parent / rel) in STRICT_MODULES else pending)[rel] = problems
    for rel, problems in sorted(pending.items()):
        module = module_of(PKG.parent / rel)
        where = "" if (EN_DIR / f"{module}.json").exists() else " (file not written yet)"
        print(f"[i18n] {rel}: {len(problems)} message(s) without English in "
              f"resources/i18n/en/{module}.json{where}")
    report = "\n".join(f"{rel}:\n  " + "\n  ".join(p) for rel, p in sorted(strict.items()))
    assert not strict, "English missing in the catalogues:\n" + report


def test_english_in_use():
    i18n.set_language("en")
    assert i18n.tr("Basis data sehat.") == "The database is healthy."
    assert i18n.tr("Kata sandi minimal {n} karakter.", n=8) == "A password needs at least 8 characters."
    assert i18n.tr("Teks tanpa terjemahan") == "Teks tanpa terjemahan"  # falls back to the source
    from kemensos_desk.core import nip

    assert str(nip.check("123")[1]) == "A NIP must have 18 digits (it has 3)."
    i18n.set_language("id")
    assert str(nip.check("123")[1]) == "NIP harus 18 angka (sekarang 3)."
    with pytest.raises(ValueError):
        i18n.set_language("fr")
