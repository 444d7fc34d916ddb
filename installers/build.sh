#!/usr/bin/env bash
# Build the Practice Desk bundle and its packages with PyInstaller.
#
#   installers/build.sh [--dist DIR] [--work DIR] [--no-deb] [--no-self-test]
#
# Linux: DIR/practice-desk-VERSION-linux-ARCH.tar.gz (with a .desktop entry and icon)
#        and DIR/practice-desk_VERSION_DEBARCH.deb (dpkg-deb).
# macOS: DIR/Practice Desk.app and DIR/practice-desk-VERSION-macos-ARCH.dmg (hdiutil).
# Windows: see installers/windows/build.ps1.
#
# DIR defaults to dist/ at the top of the repository; PyInstaller's work files go to
# build/pyinstaller/ unless --work says otherwise. PYTHON names the interpreter that has
# Practice Desk and PyInstaller installed (default: python3), e.g. PYTHON=.venv/bin/python.
# The bundle runs its own --self-test before it is packaged.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
dist="$root/dist"
work="$root/build/pyinstaller"
make_deb=1
self_test=1
while [ $# -gt 0 ]; do
  case "$1" in
    --dist) dist=$2; shift 2 ;;
    --work) work=$2; shift 2 ;;
    --no-deb) make_deb=0; shift ;;
    --no-self-test) self_test=0; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
mkdir -p "$dist" "$work"
dist=$(cd "$dist" && pwd)
work=$(cd "$work" && pwd)
python=${PYTHON:-python3}

version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$root/src/practice_desk/__init__.py")
[ -n "$version" ] || { echo "build.sh: no __version__ in src/practice_desk/__init__.py" >&2; exit 1; }
if ! "$python" -c "import PyInstaller, practice_desk" 2>/dev/null; then
  echo "build.sh: $python lacks PyInstaller or Practice Desk; run pip install -e '.[test]' first" >&2
  exit 1
fi
# Reproducible archives: file times from the last commit, when there is one.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || date +%s)}

started=$(date +%s)
echo "build.sh: Practice Desk $version, PyInstaller output in $work"
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$work/dist" --workpath "$work/build" "$here/practice-desk.spec"

run_self_test() {  # the bundle's executable
  [ "$self_test" = 1 ] || return 0
  echo "build.sh: self-test of the bundle"
  QT_QPA_PLATFORM=offscreen "$1" --self-test
}

size() { du -sh "$1" | cut -f1; }

case "$(uname -s)" in
Linux)
  arch=$(uname -m)
  name="practice-desk-$version-linux-$arch"
  stage="$work/stage/$name"
  rm -rf "$work/stage"
  mkdir -p "$stage"
  cp -a "$work/dist/practice-desk/." "$stage/"
  run_self_test "$stage/practice-desk"
  cp "$root/resources/icons/practice-desk-256.png" "$stage/practice-desk.png"
  cp "$root/resources/licenses/THIRD-PARTY-NOTICES.txt" "$stage/"
  cp "$here/linux/README.txt" "$stage/README.txt"
  install -m 0755 "$here/linux/install-menu-entry.sh" "$stage/install-menu-entry.sh"
  # Exec and Icon are filled in by install-menu-entry.sh with where the folder was unpacked.
  sed -e "s|@EXEC@|practice-desk|; s|@ICON@|practice-desk|; s|@VERSION@|$version|" \
    "$here/linux/practice-desk.desktop.in" > "$stage/practice-desk.desktop"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
    -C "$work/stage" -czf "$dist/$name.tar.gz" "$name"
  echo "build.sh: $dist/$name.tar.gz ($(size "$dist/$name.tar.gz"); $(size "$stage") unpacked)"

  if [ "$make_deb" = 1 ]; then
    deb_arch=$(dpkg --print-architecture 2>/dev/null || echo amd64)
    pkg="$work/deb/practice-desk"
    rm -rf "$work/deb"
    mkdir -p "$pkg/DEBIAN" "$pkg/opt/practice-desk" "$pkg/usr/bin" \
      "$pkg/usr/share/applications" "$pkg/usr/share/doc/practice-desk"
    cp -a "$work/dist/practice-desk/." "$pkg/opt/practice-desk/"
    ln -s /opt/practice-desk/practice-desk "$pkg/usr/bin/practice-desk"
    for px in 48 128 256; do
      mkdir -p "$pkg/usr/share/icons/hicolor/${px}x${px}/apps"
      cp "$root/resources/icons/practice-desk-$px.png" \
        "$pkg/usr/share/icons/hicolor/${px}x${px}/apps/practice-desk.png"
    done
    sed -e "s|@EXEC@|/usr/bin/practice-desk|; s|@ICON@|practice-desk|; s|@VERSION@|$version|" \
      "$here/linux/practice-desk.desktop.in" > "$pkg/usr/share/applications/practice-desk.desktop"
    cp "$root/resources/licenses/THIRD-PARTY-NOTICES.txt" "$pkg/usr/share/doc/practice-desk/copyright"
    installed=$(du -sk --exclude=DEBIAN "$pkg" | cut -f1)
    sed -e "s|@VERSION@|$version|; s|@ARCH@|$deb_arch|; s|@SIZE@|$installed|" \
      "$here/linux/control.in" > "$pkg/DEBIAN/control"
    find "$pkg" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
    deb="$dist/practice-desk_${version}_${deb_arch}.deb"
    dpkg-deb --root-owner-group -Zgzip --build "$pkg" "$deb" >/dev/null
    echo "build.sh: $deb ($(size "$deb"))"
  fi
  ;;
Darwin)
  arch=$(uname -m)
  app="$work/dist/Practice Desk.app"
  run_self_test "$app/Contents/MacOS/practice-desk"
  # PyInstaller signs the app ad hoc, enough to run on the machine that built it. A release
  # for other Macs is signed with a Developer ID and notarised (see installers/README.md).
  if [ -n "${CODESIGN_IDENTITY:-}" ]; then
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$app"
  fi
  rm -rf "$dist/Practice Desk.app"
  cp -R "$app" "$dist/"
  stage="$work/dmg"
  rm -rf "$stage"
  mkdir -p "$stage"
  cp -R "$app" "$stage/"
  ln -s /Applications "$stage/Applications"
  cp "$root/resources/licenses/THIRD-PARTY-NOTICES.txt" "$stage/"
  dmg="$dist/practice-desk-$version-macos-$arch.dmg"
  rm -f "$dmg"
  hdiutil create -volname "Practice Desk $version" -srcfolder "$stage" -ov -format UDZO "$dmg"
  echo "build.sh: $dist/Practice Desk.app and $dmg ($(size "$dmg"))"
  ;;
*)
  echo "build.sh: on Windows use installers/windows/build.ps1" >&2
  exit 2
  ;;
esac
echo "build.sh: done in $(( $(date +%s) - started )) s"
