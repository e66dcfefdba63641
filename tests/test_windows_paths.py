"""The Windows code paths that can be exercised here: console encoding, the data folder
under %LOCALAPPDATA%, key files saved by Notepad, no hard-coded temporary folder."""
import ast
import io
import json
import sys
from pathlib import Path

import pytest

from cli_helpers import COMMAND, environment
from kemensos_desk.core import console, locations
from kemensos_desk.core.errors import Refused
from kemensos_desk.core.locations import resources_dir
from kemensos_desk.services.sync import crypto

PKG = Path(__file__).resolve().parents[1] / "kemensos_desk"


def test_cli_output_is_utf8_whatever_the_console_code_page(tmp_path):
    import subprocess

    # Windows gives redirected output the ANSI code page; ascii is stricter still.
    env = environment(PYTHONIOENCODING="ascii")
    result = subprocess.run(COMMAND + ["--data-dir", str(tmp_path), "dekon", "realisasi", "--help"],
                            capture_output=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "triwulan 1–4" in result.stdout.decode("utf-8")


def test_a_windowed_program_without_console_prints_nowhere(monkeypatch):
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    console.ensure_utf8_console()
    print("✓ tersimpan", file=sys.stderr)
    print("✓ tersimpan")
    sys.stdout.close(), sys.stderr.close()


def test_a_cp1252_stream_is_switched_to_utf8(monkeypatch):
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    monkeypatch.setattr(sys, "stdout", stream)
    console.ensure_utf8_console()
    print("Bahan Rakor 2027 · ✓ lengkap − 3", end="")
    sys.stdout.flush()
    assert raw.getvalue().decode("utf-8") == "Bahan Rakor 2027 · ✓ lengkap − 3"


def test_data_folder_is_under_localappdata_on_windows(monkeypatch):
    from platformdirs import windows

    monkeypatch.delenv("KEMENSOS_DESK_HOME", raising=False)
    monkeypatch.setenv("LOCALAPPDATA", r"C:\Users\operator\AppData\Local")
    monkeypatch.setattr(windows, "_RESOLVE_WIN_FOLDER", windows.get_win_folder_from_env_vars, raising=False)
    monkeypatch.setattr("platformdirs.user_data_dir",
                        lambda name, appauthor=None: windows.Windows(appname=name, appauthor=appauthor).user_data_dir)
    folder = str(locations.default_data_dir()).replace("/", "\\")
    assert folder == r"C:\Users\operator\AppData\Local\KemensosDesk"  # no publisher folder twice
    monkeypatch.setenv("KEMENSOS_DESK_HOME", r"D:\Data Dinsos")
    assert str(locations.default_data_dir()) == r"D:\Data Dinsos"


def test_key_file_saved_by_notepad_is_read(tmp_path):
    text = (resources_dir() / "keys" / "demo-ministry.pub").read_text(encoding="utf-8")
    notepad = tmp_path / "kementerian.pub"
    notepad.write_bytes(b"\xef\xbb\xbf" + json.dumps(json.loads(text), indent=2).replace("\n", "\r\n").encode("utf-8"))
    key = crypto.MinistryPublic.from_json(crypto.read_json_file(notepad, "kunci"))
    assert key.key_id == crypto.demo_public().key_id


def test_oversized_key_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "besar.pub"
    big.write_bytes(b"{" + b" " * (crypto.KEY_FILE_LIMIT + 10) + b"}")
    with pytest.raises(Refused):
        crypto.read_json_file(big, "kunci")


def test_no_hard_coded_temporary_or_drive_folder():
    found = []
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                v = node.value
                if v.startswith(("/tmp", "/var/tmp")) or v[1:3] in (":\\", ":/") and v[0].isalpha():
                    found.append(f"{path.relative_to(PKG)}:{node.lineno}: {v!r}")
    assert not found
