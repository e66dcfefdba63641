#!/usr/bin/env bash
# make package: the one-folder app from a clean virtualenv of packaging/requirements-frozen.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=build/pkg-venv
STAMP=$VENV/.requirements.sha256
want=$(sha256sum packaging/requirements-frozen.txt | cut -d' ' -f1)
if [ ! -x $VENV/bin/python ] || [ "$(cat $STAMP 2>/dev/null)" != "$want" ]; then
  rm -rf $VENV
  $PYTHON -m venv $VENV
  $VENV/bin/python -m pip install --quiet --disable-pip-version-check -r packaging/requirements-frozen.txt 2>&1 \
    | { grep -v "WARNING: Location" >&2 || true; }
  echo "$want" > $STAMP
fi
# The project itself, never editable: the bundle takes its code and metadata from here.
$VENV/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall . 2>&1 \
  | grep -v -e BuildBackendWarning -e "WARNING: Location" -e '^ *!!' -e '^ *\*\*\*' -e '^ *$' >&2 || true
rm -rf build/kemensos_desk.egg-info kemensos_desk.egg-info
QT_QPA_PLATFORM=offscreen $VENV/bin/python packaging/build_steps.py prepare
rm -rf dist/kemensos-desk
$VENV/bin/python -m PyInstaller --noconfirm --log-level WARN --distpath dist --workpath build/pyinstaller \
  packaging/kemensos-desk.spec
if [ "$(uname -s)" = Linux ]; then
  command -v icupkg >/dev/null || { echo "icupkg tidak ada: sudo apt-get install icu-devtools" >&2; exit 3; }
  for lib in dist/kemensos-desk/_internal/PySide6/Qt/lib/libicudata.so.*; do
    $VENV/bin/python packaging/icu_subset.py "$lib"
  done
fi
$VENV/bin/python packaging/build_steps.py finish
