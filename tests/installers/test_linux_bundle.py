"""The Linux bundle as a user gets it: built by installers/build.sh, unpacked, run bare.

One build (about a minute) serves every test here. The tar.gz is unpacked into an empty
folder and its ``--self-test`` run with nothing but PATH, HOME and LANG, so a module,
plugin, library or resource the bundle forgot fails here by name. The .deb is read with
dpkg-deb and its payload run the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from practice_desk import __version__
from tests.installers.test_self_test import assert_all_checks_passed, minimal_env

ROOT = Path(__file__).resolve().parents[2]
BUILD_SH = ROOT / "installers" / "build.sh"
NAME = f"practice-desk-{__version__}-linux-x86_64"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform != "linux" or os.uname().machine != "x86_64",
        reason="the Linux x86-64 bundle is built on Linux x86-64",
    ),
]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """installers/build.sh's output folder, built once for this module."""
    out = tmp_path_factory.mktemp("bundle")
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PRACTICE_DESK_", "PYTEST_"))
    }
    env["PYTHON"] = sys.executable
    result = subprocess.run(
        ["bash", str(BUILD_SH), "--dist", str(out / "dist"), "--work", str(out / "work")],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1500,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert "self-test passed" in result.stdout  # build.sh checks the bundle before packing
    return out / "dist"


def _run_self_test(executable: Path, home: Path) -> str:
    home.mkdir()
    result = subprocess.run(
        [str(executable), "--self-test"],
        env={**minimal_env(home), "QT_QPA_PLATFORM": "offscreen"},
        cwd=home,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_unpacked_tarball_passes_its_self_test_in_an_empty_folder(
    built: Path, tmp_path: Path
) -> None:
    archive = built / f"{NAME}.tar.gz"
    target = tmp_path / "unpacked"
    target.mkdir()
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    assert [p.name for p in target.iterdir()] == [NAME]
    folder = target / NAME

    output = _run_self_test(folder / "practice-desk", tmp_path / "home")
    assert_all_checks_passed(output)
    assert "(bundle;" in output and "read from inside the bundle" in output
    assert "offscreen, xcb, wayland present" in output


def test_tarball_carries_menu_entry_icon_and_notices(built: Path, tmp_path: Path) -> None:
    with tarfile.open(built / f"{NAME}.tar.gz") as tar:
        names = set(tar.getnames())
        desktop = tar.extractfile(f"{NAME}/practice-desk.desktop")
        assert desktop is not None
        entry = desktop.read().decode()
    for file in (
        "practice-desk",
        "practice-desk.png",
        "practice-desk.desktop",
        "install-menu-entry.sh",
        "THIRD-PARTY-NOTICES.txt",
        "README.txt",
        "_internal/practice_desk/resources/licenses/THIRD-PARTY-NOTICES.txt",
        "_internal/practice_desk/resources/licenses/LGPL-3.0.txt",
        "_internal/licenses/system/LIBRARIES.txt",
    ):
        assert f"{NAME}/{file}" in names, file
    for package in ("sqlcipher3", "cryptography", "reportlab", "pyinstaller"):
        assert any(f"/_internal/licenses/python/{package}-" in n for n in names), package
    assert "Name=Practice Desk" in entry and "Icon=practice-desk" in entry


def test_only_the_qt_the_app_uses_is_bundled(built: Path) -> None:
    with tarfile.open(built / f"{NAME}.tar.gz") as tar:
        libraries = {Path(n).name for n in tar.getnames() if "/PySide6/" in n}
    for kept in (
        "libQt6Widgets.so.6",
        "libQt6Pdf.so.6",
        "libQt6PdfWidgets.so.6",
        "libQt6PrintSupport.so.6",
        "libqxcb.so",
        "libqwayland.so",
        "libqoffscreen.so",
    ):
        assert kept in libraries, kept
    for left_out in (
        # Qt Charts is GPL-3.0 or commercial only; Practice Desk draws its own charts.
        "libQt6Charts.so.6",
        "libQt6ChartsQml.so.6",
        "QtCharts.abi3.so",
        "libQt6WebEngineCore.so.6",
        "libQt6Qml.so.6",
        "libQt6Quick.so.6",
        "libQt6Multimedia.so.6",
        "libQt63DCore.so.6",
        "libqgtk3.so",
        "libqtvirtualkeyboardplugin.so",
    ):
        assert left_out not in libraries, left_out


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_deb_installs_menu_entry_and_icon_and_its_payload_runs(built: Path, tmp_path: Path) -> None:
    [deb] = built.glob(f"practice-desk_{__version__}_*.deb")
    info = subprocess.run(
        ["dpkg-deb", "--info", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    assert "Package: practice-desk" in info and f"Version: {__version__}" in info
    contents = subprocess.run(
        ["dpkg-deb", "--contents", str(deb)], capture_output=True, text=True, check=True
    ).stdout
    for path in (
        "./usr/share/applications/practice-desk.desktop",
        "./usr/share/icons/hicolor/256x256/apps/practice-desk.png",
        "./usr/share/icons/hicolor/48x48/apps/practice-desk.png",
        "./usr/share/doc/practice-desk/copyright",
        "./opt/practice-desk/practice-desk",
        "./usr/bin/practice-desk -> /opt/practice-desk/practice-desk",
    ):
        assert path in contents, path

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    entry = (root / "usr/share/applications/practice-desk.desktop").read_text()
    assert "Exec=/usr/bin/practice-desk" in entry
    output = _run_self_test(root / "opt/practice-desk/practice-desk", tmp_path / "home")
    assert_all_checks_passed(output)
