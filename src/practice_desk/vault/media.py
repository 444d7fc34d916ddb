"""Is a path on removable or network storage? The live vault belongs on the local disk."""

from __future__ import annotations

import os
from pathlib import Path

_RISKY_FS = {"vfat", "exfat", "msdos", "fuseblk", "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs"}


def storage_warning(
    path: Path, mountinfo: Path = Path("/proc/self/mountinfo"), sys_root: Path = Path("/sys")
) -> str | None:
    """A sentence for the user when the vault sits where it can be pulled out or cut off."""
    if os.name != "posix" or not mountinfo.exists():
        return None
    mount = _mount_for(path.resolve(), mountinfo.read_text())
    if mount is None:
        return None
    device, fstype = mount
    if fstype in _RISKY_FS or fstype.startswith("fuse.") or _removable_device(device, sys_root):
        return (
            "This practice file is on removable or network storage. Keep the practice on the "
            "computer's own disk and use removable drives only for backups: a drive pulled out "
            "while Practice Desk is writing can damage the record."
        )
    return None


def _mount_for(path: Path, mountinfo: str) -> tuple[str, str] | None:
    best: tuple[int, str, str] | None = None
    for line in mountinfo.splitlines():
        fields = line.split()
        try:
            sep = fields.index("-")
        except ValueError:
            continue
        mount_point = fields[4].replace("\\040", " ")
        if path == Path(mount_point) or Path(mount_point) in path.parents:
            depth = len(Path(mount_point).parts)
            if best is None or depth > best[0]:
                best = (depth, fields[2], fields[sep + 1])
    return (best[1], best[2]) if best else None


def _removable_device(major_minor: str, sys_root: Path) -> bool:
    node = sys_root / "dev" / "block" / major_minor
    try:
        node = node.resolve()
    except OSError:
        return False
    for candidate in (node, *node.parents):
        flag = candidate / "removable"
        if flag.exists():
            try:
                return flag.read_text().strip() == "1"
            except OSError:
                return False
    return False
