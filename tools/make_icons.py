"""Render the application icon from its SVG to the PNG, ICO and ICNS files the bundles use.

    python tools/make_icons.py

Reads resources/icons/practice-desk.svg and writes, with Qt's SVG renderer (no other
tool needed, on any system):

- resources/icons/practice-desk-{48,128,256}.png: the window icon and the Linux menus;
- installers/windows/practice-desk.ico: 16 to 256 px, for the .exe and the installer;
- installers/macos/practice-desk.icns: 16 to 512 px, for the .app.

ICO and ICNS both accept PNG images inside, so both are written here byte by byte.
Run it again after changing the SVG, and commit what it writes.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "practice-desk.svg"
PNG_SIZES = (48, 128, 256)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS element types that hold a PNG of the given size.
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256))
ICNS_TYPES += ((b"ic09", 512),)


def render(size: int) -> bytes:
    """The icon as PNG bytes, size x size pixels, transparent outside the tile."""
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data().data())


def ico(images: dict[int, bytes]) -> bytes:
    """A Windows icon file whose entries are PNG images (Windows Vista and later)."""
    header = struct.pack("<HHH", 0, 1, len(images))
    entries, offset = b"", 6 + 16 * len(images)
    for size, png in images.items():
        side = 0 if size >= 256 else size  # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset)
        offset += len(png)
    return header + entries + b"".join(images.values())


def icns(images: dict[int, bytes]) -> bytes:
    """A macOS icon file whose elements are PNG images."""
    body = b"".join(
        kind + struct.pack(">I", 8 + len(images[size])) + images[size] for kind, size in ICNS_TYPES
    )
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication(sys.argv[:1])
    sizes = sorted({*PNG_SIZES, *ICO_SIZES, *(size for _, size in ICNS_TYPES)})
    images = {size: render(size) for size in sizes}
    written = []
    for size in PNG_SIZES:
        path = SVG.with_name(f"practice-desk-{size}.png")
        path.write_bytes(images[size])
        written.append(path)
    windows = ROOT / "installers" / "windows" / "practice-desk.ico"
    windows.parent.mkdir(parents=True, exist_ok=True)
    windows.write_bytes(ico({size: images[size] for size in ICO_SIZES}))
    macos = ROOT / "installers" / "macos" / "practice-desk.icns"
    macos.parent.mkdir(parents=True, exist_ok=True)
    macos.write_bytes(icns(images))
    for path in (*written, windows, macos):
        print(f"{path.relative_to(ROOT)}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
