#!/bin/sh
# Adds Kemensos Desk to the desktop menu of this user (no root): run from the unpacked folder.
set -e
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$apps" "$icons"
cp "$here/share/icons/kemensos-desk.png" "$icons/kemensos-desk.png"
sed "s|^Exec=.*|Exec=\"$here/kemensos-desk\"|; s|^Icon=.*|Icon=kemensos-desk|" \
  "$here/share/applications/kemensos-desk.desktop" > "$apps/kemensos-desk.desktop"
echo "Kemensos Desk ditambahkan ke menu aplikasi ($apps/kemensos-desk.desktop)."
