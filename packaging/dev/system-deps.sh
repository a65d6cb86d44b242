#!/usr/bin/env bash
# Installs the Debian packages massage-timer's tests and window need, when run as root.
# Without root (or without apt-get) it lists what is missing and how to install it, and
# exits 0: the tests that need those packages then say so when they skip.
set -u
PACKAGES=(
  libespeak-ng1          # the speech engine pyttsx3 drives
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libpulse0   # Qt's xcb platform and multimedia
  xvfb xdotool imagemagick   # end-to-end window tests: a virtual screen, keys, screenshots
  pulseaudio pulseaudio-utils sox   # end-to-end sound tests: a private server, parec, analysis
  dbus-daemon dbus-bin   # end-to-end tray test: a private session bus, dbus-send
  desktop-file-utils appstream   # validating the desktop entry and the AppStream metadata
  fonts-noto-cjk   # Korean and Chinese glyphs in the window (screenshots in every language)
  libglib2.0-bin   # MPRIS and screensaver tests: gdbus
  trayer   # the tray test: a system tray on the virtual screen
)
missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || { echo "apt-get could not install: ${missing[*]}" >&2; exit 1; }
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  echo "(The tests that need them will be skipped, saying why.)" >&2
fi
