#!/bin/sh
# Add Practice Desk to this user's application menu, run from where it was unpacked.
#   ./install-menu-entry.sh            add (or update) the menu entry
#   ./install-menu-entry.sh --remove   take it out again (the folder itself stays)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
if [ "${1:-}" = "--remove" ]; then
  rm -f "$apps/practice-desk.desktop" "$icons/practice-desk.png"
  echo "Removed the Practice Desk menu entry."
  exit 0
fi
mkdir -p "$apps" "$icons"
cp "$here/practice-desk.png" "$icons/practice-desk.png"
# Quote the path for the desktop entry (its quoting rule, then its string escapes), so
# spaces, quotes and backslashes in a folder name stay intact.
exec_path=$(printf '%s' "$here/practice-desk" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\/\\\\/g')
while IFS= read -r line; do
  case "$line" in
    Exec=*) printf 'Exec="%s"\n' "$exec_path" ;;
    *) printf '%s\n' "$line" ;;
  esac
done < "$here/practice-desk.desktop" > "$apps/practice-desk.desktop"
command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database "$apps" || true
echo "Added Practice Desk to the application menu (it runs $here/practice-desk)."
