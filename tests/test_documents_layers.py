"""documents sits at the services level: core and store below it, never Qt, the UI or the CLI."""
import subprocess
import sys

from tests.test_layers import offences


def test_documents_never_reach_for_qt_ui_or_cli():
    assert offences("documents", ("PySide6", "shiboken6", "kemensos_desk.ui", "kemensos_desk.cli")) == []


def test_building_a_report_loads_no_qt(tmp_path):
    code = (
        "import sys\n"
        "from kemensos_desk.documents import sample\n"
        f"sample.build_pdf({str(tmp_path / 'a.pdf')!r}); sample.build_xlsx({str(tmp_path / 'a.xlsx')!r})\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
