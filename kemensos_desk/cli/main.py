"""``kemensos-desk``: with no command it opens the GUI; otherwise runs one command.

Exit codes (public contract): 0 success, 1 input refused, 2 usage error,
3 environment error, 4 login or role refused.
"""
from __future__ import annotations

import argparse
import os
import sys

from kemensos_desk import __version__, logs
from kemensos_desk.core import i18n
from kemensos_desk.core.console import ensure_utf8_console
from kemensos_desk.core.errors import KemensosError, UsageError

# argparse speaks English; operators read Indonesian.
_ARGPARSE_ID = [
    ("the following arguments are required", "argumen berikut wajib diisi"),
    ("unrecognized arguments", "argumen tidak dikenal"),
    ("invalid choice", "pilihan tidak sah"),
    ("choose from", "pilih dari"),
    ("expected one argument", "memerlukan satu nilai"),
    ("invalid int value", "bukan bilangan bulat"),
    ("argument ", "argumen "),
    ("not allowed with argument", "tidak boleh bersama argumen"),
]


class _HelpFormatter(argparse.HelpFormatter):
    """argparse's layout with its own words in Indonesian."""

    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Penggunaan: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse in Indonesian: section titles, the usage line, and a description for every option
    (an option declared without ``help=`` takes its words from ``cli/option_help.py``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen posisi"
        self._optionals.title = "opsi"
        for action in self._actions:
            if isinstance(action, argparse._HelpAction):
                action.help = "tampilkan bantuan ini lalu keluar"

    def add_argument(self, *args, **kwargs):
        from kemensos_desk.cli import option_help

        action = super().add_argument(*args, **kwargs)
        if not action.help:
            action.help = option_help.describe(self._command_path(), action)
        shown = option_help.metavar(action)
        if shown is not None:
            action.metavar = shown
        return action

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "perintah")
        return super().add_subparsers(**kwargs)

    def _command_path(self) -> str:
        """``"spm deliver"`` for the parser of ``kemensos-desk spm deliver``."""
        words = self.prog.split()[1:]
        return " ".join(w for w in words if not w.startswith("-") and not w.isupper())

    def error(self, message: str):  # noqa: D401 (argparse's signature)
        for en, idn in _ARGPARSE_ID:
            message = message.replace(en, idn)
        raise UsageError("{prog}: {message}. Lihat '{prog} --help'.", prog=self.prog, message=message)


def build_parser() -> Parser:
    from kemensos_desk.cli import commands_foundation

    parser = _global_parser()
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH", parser_class=Parser)
    commands_foundation.register(sub)
    for module in _module_commands():
        module.register(sub)
    return parser


def _global_parser(with_version: bool = True) -> "Parser":
    """The options that come before the command; alone, it is enough to open the GUI."""
    parser = Parser(
        prog="kemensos-desk",
        description="Kemensos Desk: pelaporan Dinas Sosial ke Kementerian Sosial. Tanpa perintah: membuka aplikasi.",
    )
    if with_version:  # left out by _gui_args: "rules show --version V" is a command's option
        parser.add_argument("--version", action="version", version=f"kemensos-desk {__version__}",
                            help="tampilkan versi program lalu keluar")
    parser.add_argument("--data-dir", metavar="DIR", help="folder data (bawaan: KEMENSOS_DESK_HOME atau folder data pengguna)")
    parser.add_argument("--user", metavar="NAME", help="pengguna yang menjalankan perintah (wajib untuk perintah yang mengubah data)")
    parser.add_argument("--password-stdin", action="store_true",
                        help="baca kata sandi dari masukan standar (bawaan: variabel KEMENSOS_DESK_PASSWORD)")
    parser.add_argument("--lang", choices=sorted(i18n.LANGUAGES), help="bahasa keluaran (id atau en)")
    return parser


def _gui_args(argv: list[str]):
    """The global options when ``argv`` names no command (the GUI), else None.

    Opening the GUI then skips importing every command module (a quicker start)."""
    if any(a in ("-h", "--help") for a in argv):
        return None
    try:
        args, rest = _global_parser(with_version=False).parse_known_args(argv)
    except KemensosError:
        return None
    return None if rest else args


def _module_commands():
    """Command groups of the feature modules, imported only when present."""
    import importlib

    found = []
    for name in ("spm", "dekon", "rakor", "sync", "ministry", "rules"):
        try:
            found.append(importlib.import_module(f"kemensos_desk.cli.commands_{name}"))
        except ModuleNotFoundError as exc:
            if exc.name != f"kemensos_desk.cli.commands_{name}":
                raise
    return found


def _open_gui(args) -> int:
    """The GUI without the command modules, the CLI context or SQLAlchemy loaded first:
    the password check of an environment login starts before Qt loads (a quicker start)."""
    from kemensos_desk.core.locations import default_data_dir
    from kemensos_desk.services import quick_start

    if args.lang:
        i18n.set_language(args.lang)
    data_dir = os.path.expanduser(args.data_dir) if args.data_dir else default_data_dir()
    try:
        quick_start.prefetch_env_login(data_dir)
        from kemensos_desk.ui.app import run_gui

        return run_gui(data_dir)
    except KemensosError as exc:
        print(str(exc), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a bug before the window: the log gets the traceback
        logs.log.error("aplikasi gagal dibuka", exc_info=exc)
        print(i18n.tr("Terjadi kesalahan tak terduga. Rinciannya dicatat di berkas log pada folder data."),
              file=sys.stderr)
        return 3


def _closed_pipe() -> int:
    """The reader of our output went away (``kemensos-desk … | head``): end quietly.

    Standard output is pointed at the null device so Python's own flush at exit does not
    fail again; 141 is what a shell reports for a program ended by a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
    return 141


def main(argv: list[str] | None = None) -> int:
    from kemensos_desk.core.private_files import owner_only_umask

    ensure_utf8_console()
    with owner_only_umask():  # every file the program writes is the owner's alone (issue 13)
        return _main(argv)


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if os.environ.get("KEMENSOS_DESK_LANG") in i18n.LANGUAGES:
        i18n.set_language(os.environ["KEMENSOS_DESK_LANG"])
    args = _gui_args(argv)
    if args is not None:
        return _open_gui(args)
    from kemensos_desk.cli.context import CliContext, print_error

    ctx = CliContext()
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        ctx.args = args
        if args.lang:
            i18n.set_language(args.lang)
        if not args.command:
            from kemensos_desk.ui.app import run_gui

            return run_gui(args.data_dir)
        return int(args.handler(ctx) or 0)
    except KemensosError as exc:
        print_error(ctx, exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print(i18n.tr("Dibatalkan."), file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _closed_pipe()
    except Exception as exc:  # a bug: the user gets a sentence, the log gets the traceback
        path = ctx.log_unexpected(exc)
        print(i18n.tr("Terjadi kesalahan tak terduga. Rinciannya dicatat di {path}.", path=path), file=sys.stderr)
        return 3
    finally:
        ctx.close()


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = ["main", "build_parser", "logs"]
