"""The command line speaks Indonesian all the way down, ends quietly on a closed pipe, and
leaves nothing of its own behind beside the store (issue 16, item 15)."""
from __future__ import annotations

import argparse
import io
import subprocess

import pytest

from kemensos_desk.cli import main as cli_main
from tests.cli_helpers import COMMAND, INIT_ARGS, environment, run

# argparse's own English, which must not reach an operator.
ENGLISH = ("usage:", "options:", "optional arguments", "positional arguments", "show this help",
           "show program's version", "FILE", "DIR ", "NAME", " CODE", "PATH")


def _parsers(parser, path=()):
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from _parsers(sub, path + (name,))


def test_every_command_and_option_is_described_in_indonesian():
    missing, english = [], []
    for path, parser in _parsers(cli_main.build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                missing += [f"{' '.join(path)} {c.dest}" for c in action._choices_actions if not c.help]
            elif not action.help:
                missing.append(f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}")
        text = parser.format_help()
        english += [f"{' '.join(path)}: {w!r}" for w in ENGLISH if w in text]
        assert text.startswith("Penggunaan: kemensos-desk"), path
    assert not missing, missing
    assert not english, english


def test_help_through_the_real_script():
    result = run(None, "spm", "deliver", "--help")
    assert result.code == 0
    assert "Penggunaan:" in result.out and "opsi:" in result.out
    assert "tanggal layanan diberikan" in result.out


def test_a_closed_pipe_ends_quietly_in_process(monkeypatch, capsys, tmp_path):
    class ClosedPipe(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    data = tmp_path / "kantor"
    assert run(data, *INIT_ARGS).code == 0
    monkeypatch.setattr("sys.stdout", ClosedPipe())
    code = cli_main.main(["--data-dir", str(data), "info"])
    assert code == 141
    assert "Terjadi kesalahan" not in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly_through_head(tmp_path):
    """``kemensos-desk … | head -1``: a long output whose reader goes away after one line."""
    data = tmp_path / "kantor"
    assert run(data, "demo", "--size", "small").code == 0
    # The register as JSON is more than a pipe buffer (64 KiB): the writer meets the closed pipe.
    shell = " ".join(COMMAND) + f" --data-dir {data} --user admin spm person list --limit 100000 --json" \
        " | head -1; echo \"rc=${PIPESTATUS[0]}\" >&2"
    for _ in range(3):
        proc = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=environment(), timeout=120)
        assert "Terjadi kesalahan" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert ("rc=0" in proc.stderr) or ("rc=141" in proc.stderr), proc.stderr


@pytest.mark.parametrize("command", ["init", "demo"])
def test_no_migration_lock_left_behind(tmp_path, command):
    data = tmp_path / "kantor"
    args = INIT_ARGS if command == "init" else ["demo", "--size", "small"]
    assert run(data, *args).code == 0
    assert not list(data.glob("*.lock")), sorted(p.name for p in data.iterdir())
    assert (data / "kemensos.sqlite").exists()
