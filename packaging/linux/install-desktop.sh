#!/usr/bin/env bash
# Installs massage-timer's launcher, icons and AppStream metadata for the current user:
#   $XDG_DATA_HOME/applications/massage-timer.desktop
#   $XDG_DATA_HOME/icons/hicolor/<N>x<N>/apps/massage-timer.png and scalable/apps/massage-timer.svg
#   $XDG_DATA_HOME/metainfo/io.github.massage_timer.MassageTimer.metainfo.xml
# ($XDG_DATA_HOME defaults to ~/.local/share.) Running it again gives the same files.
#
#   packaging/linux/install-desktop.sh [--exec /path/to/massage-timer] [--uninstall]
#
# The launcher runs an absolute path, because a menu does not see a shell's PATH or an
# activated virtual environment. Without --exec it takes, in this order: this checkout's
# bundle (dist/massage-timer/massage-timer, from `make bundle`), this checkout's .venv
# (`make setup`), then a massage-timer found on PATH (e.g. from `pip install --user`).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
APP=massage-timer
DESKTOP="$HERE/$APP.desktop"
METAINFO="$HERE/io.github.massage_timer.MassageTimer.metainfo.xml"
ICONS="$ROOT/assets/icons"
SIZES=(16 32 48 64 128 256 512)
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"

exec_path=""
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --exec) exec_path="${2:?--exec needs a path}"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-desktop: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

targets=(
  "$DATA/applications/$APP.desktop"
  "$DATA/metainfo/$(basename "$METAINFO")"
  "$DATA/icons/hicolor/scalable/apps/$APP.svg"
)
for n in "${SIZES[@]}"; do targets+=("$DATA/icons/hicolor/${n}x${n}/apps/$APP.png"); done

refresh_caches() {
  # Menus and icon themes pick the change up at once where these tools exist.
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$DATA/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$DATA/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q -t -f "$DATA/icons/hicolor" || true
  fi
}

if [ "$uninstall" = 1 ]; then
  rm -f "${targets[@]}"
  refresh_caches
  echo "Removed the $APP launcher, icons and metadata from $DATA"
  exit 0
fi

if [ -z "$exec_path" ]; then
  for candidate in "$ROOT/dist/$APP/$APP" "$ROOT/.venv/bin/$APP" "$(command -v "$APP" || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then exec_path="$candidate"; break; fi
  done
fi
if [ -z "$exec_path" ]; then
  echo "install-desktop: no $APP to launch: run 'make bundle' or 'make setup' first," >&2
  echo "  or pass --exec /path/to/$APP" >&2
  exit 1
fi
exec_path="$(cd "$(dirname "$exec_path")" && pwd)/$(basename "$exec_path")"
if [ ! -x "$exec_path" ]; then
  echo "install-desktop: $exec_path is not an executable file" >&2
  exit 1
fi
case "$exec_path" in
  *[\"\`\$\\%]*) echo "install-desktop: cannot put $exec_path in a launcher; move it" >&2; exit 1 ;;
  *" "*) exec_field="\"$exec_path\"" ;;  # the desktop entry spec quotes paths with spaces
  *) exec_field="$exec_path" ;;
esac

install -d "$DATA/applications" "$DATA/metainfo" "$DATA/icons/hicolor/scalable/apps"
# Write next to the target and rename, so a menu never reads half a file.
tmp="$DATA/applications/.$APP.desktop.tmp"
sed "s|^Exec=$APP\\b|Exec=$exec_field|" "$DESKTOP" >"$tmp"
chmod 644 "$tmp"
mv -f "$tmp" "$DATA/applications/$APP.desktop"
install -m 644 "$METAINFO" "$DATA/metainfo/"
install -m 644 "$ICONS/$APP.svg" "$DATA/icons/hicolor/scalable/apps/$APP.svg"
for n in "${SIZES[@]}"; do
  install -D -m 644 "$ICONS/$APP-$n.png" "$DATA/icons/hicolor/${n}x${n}/apps/$APP.png"
done
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$DATA/applications/$APP.desktop"
fi
refresh_caches
echo "Installed the $APP launcher (runs $exec_path), icons and metadata into $DATA"
