"""Backups from the open practice, and verifying or restoring backup files."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from practice_desk.domain.changes import Change
from practice_desk.domain.users import Permission
from practice_desk.practice import witness
from practice_desk.practice.session import Service, Session, use_case
from practice_desk.practice.trust import Trust
from practice_desk.vault import backup as backup_files
from practice_desk.vault import restore as restore_files
from practice_desk.vault.backup import BackupReport

__all__ = ["BackupReport", "BackupsService", "restore_backup", "verify_backup"]

LAST_BACKUP_AT = "last_verified_backup_at"
LAST_BACKUP_TO = "last_verified_backup_to"
DEFAULT_KEEP = 10


class BackupsService(Service):
    """Backups from the open practice, and comparing the practice with one."""

    def __init__(self, session: Session, trust: Trust) -> None:
        super().__init__(session)
        self._trust = trust

    @use_case(Permission.BACKUP)
    def backup_to(
        self,
        folder: Path | str,
        *,
        keep: int = DEFAULT_KEEP,
        progress: Callable[[float], None] | None = None,
    ) -> BackupReport:
        """Write a verified backup into folder (a USB drive), then keep the newest ``keep``."""
        target = Path(folder)
        self._seal_for_backup()
        report = self._vault.keys.backup_job(target)(progress)
        self.record_backup(report, keep=keep)
        return report

    @use_case(Permission.BACKUP)
    def backup_job(self, folder: Path | str) -> Callable[[Callable[[float], None]], BackupReport]:
        """The backup's slow part as a function a worker thread may run (it opens its own
        connection); call record_backup with its report afterwards, on this thread."""
        self._seal_for_backup()
        return self._vault.keys.backup_job(Path(folder))

    def _seal_for_backup(self) -> None:
        """The backup ends with a signed seal: a witness of how far the trail had come."""
        with self._change():
            self._trust._seal_audit()

    @use_case()
    def check_against_backup(
        self,
        backup: Path | str,
        *,
        username: str | None = None,
        password: str | None = None,
        recovery_key: str | None = None,
    ) -> list[str]:
        """Does this practice continue the backup's signed audit trail? Problems in words
        (the backup opens with its own slots: a password or the recovery key)."""
        credentials = {
            k: v
            for k, v in {
                "username": username,
                "password": password,
                "recovery_key": recovery_key,
            }.items()
            if v is not None
        }
        return witness.against_backup(
            self._vault.path,
            self._vault.keys.vault_id,
            self._store,
            Path(backup),
            self._trust._roster_state().keys,
            credentials,
        )

    @use_case(Permission.BACKUP, changes=(Change.BACKUPS,))
    def record_backup(self, report: BackupReport, *, keep: int = DEFAULT_KEEP) -> None:
        """Rotate the target and remember the verified backup (audited)."""
        target = report.path.parent
        backup_files.rotate(target, self._vault.keys.vault_id, keep, report.path)
        with self._change():
            self._store.settings.put(
                {LAST_BACKUP_AT: report.created_at.isoformat(), LAST_BACKUP_TO: str(target)}
            )
            self._audit(
                "backup.created", None, {"file": report.path.name, "counts": report.row_counts}
            )

    @use_case()
    def last_verified_backup(self) -> tuple[datetime, str] | None:
        """When and where the last verified backup went."""
        settings = self._store.settings
        at, to = settings.get(LAST_BACKUP_AT), settings.get(LAST_BACKUP_TO)
        return (datetime.fromisoformat(at), to or "") if at else None

    def backup_overdue(self, *, days: int = 7, today: date | None = None) -> bool:
        last = self.last_verified_backup()
        today = today or datetime.now(UTC).date()
        return last is None or (today - last[0].date()).days > days


def verify_backup(
    path: Path | str,
    *,
    username: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
) -> BackupReport:
    """Check a backup file with a password or the recovery key; no practice needs to be open."""
    file = Path(path)
    _header, data_key = backup_files.unlock_backup(
        file, username=username, password=password, recovery_key=recovery_key
    )
    return backup_files.verify_backup_file(file, data_key=data_key)


def restore_backup(
    path: Path | str,
    to: Path | str,
    *,
    username: str | None = None,
    password: str | None = None,
    recovery_key: str | None = None,
) -> tuple[BackupReport, Path | None]:
    """Restore to a new path, or over a closed practice (kept aside as *.before-restore-*)."""
    report, kept = restore_files.restore_backup(
        Path(path),
        Path(to),
        username=username,
        password=password,
        recovery_key=recovery_key,
        before_swap=witness.forget,  # going back to the backup's point is the intent
    )
    return report, kept
