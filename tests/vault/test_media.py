from __future__ import annotations

from pathlib import Path

from practice_desk.vault.media import storage_warning

MOUNTS = """\
22 1 8:1 / / rw,relatime - ext4 /dev/sda1 rw
40 22 8:17 / /media/usb rw,relatime - ext4 /dev/sdb1 rw
41 22 8:33 / /media/stick rw,relatime - vfat /dev/sdc1 rw
42 22 0:50 / /mnt/share rw,relatime - cifs //server/share rw
"""


def _fake_system(tmp_path: Path) -> tuple[Path, Path]:
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(MOUNTS)
    sys_root = tmp_path / "sys"
    for name, device, removable in (("sda", "8:1", "0"), ("sdb", "8:17", "1")):
        disk = sys_root / "devices" / name
        (disk / f"{name}1").mkdir(parents=True)
        (disk / "removable").write_text(removable + "\n")
        (sys_root / "dev" / "block").mkdir(parents=True, exist_ok=True)
        (sys_root / "dev" / "block" / device).symlink_to(disk / f"{name}1")
    return mountinfo, sys_root


def test_vault_on_the_local_disk_gets_no_warning(tmp_path: Path) -> None:
    mountinfo, sys_root = _fake_system(tmp_path)
    assert storage_warning(Path("/home/clinic/clinic.pdvault"), mountinfo, sys_root) is None


def test_vault_on_removable_or_network_storage_is_warned_about(tmp_path: Path) -> None:
    mountinfo, sys_root = _fake_system(tmp_path)
    for place in ("/media/usb/clinic.pdvault", "/media/stick/x.pdvault", "/mnt/share/x.pdvault"):
        warning = storage_warning(Path(place), mountinfo, sys_root)
        assert warning and "removable or network storage" in warning, place
