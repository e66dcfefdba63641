#!/usr/bin/env bash
# Debian/Ubuntu packages the app and its tests need beside the Python wheels:
# Qt's runtime libraries, a font, poppler-utils (pdftotext/pdftoppm) and xvfb.
# Installs only what is missing; without root (or passwordless sudo) it says what to install.
set -u
command -v dpkg-query >/dev/null 2>&1 || exit 0
pkgs=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libxcb-cursor0
      libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0
      libxcb-image0 libnss3 libasound2 fonts-dejavu-core poppler-utils xvfb xauth)
# make package adds its build tools (icupkg, gcc, binutils for objdump): SYSDEPS_EXTRA.
pkgs+=(${SYSDEPS_EXTRA:-})
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo -n"; else
  echo "Paket sistem belum ada (system packages missing): ${missing[*]}" >&2
  echo "Pasang dengan: sudo apt-get install ${missing[*]}" >&2
  exit 0
fi
echo "Memasang paket sistem: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq >/dev/null 2>&1 || true
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || \
  $sudo apt-get install -y --no-install-recommends "${missing[@]}"
