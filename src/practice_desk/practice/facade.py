"""The Practice facade: the one API the GUI, the CLI and scripts use."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel

from practice_desk.domain.audit import AuditEvent
from practice_desk.domain.changes import Change, Changes
from practice_desk.domain.errors import (
    Conflict,
    PracticeError,
    StorageError,
    UnknownUser,
    ValidationError,
    VaultDamaged,
)
from practice_desk.domain.preferences import Preferences
from practice_desk.domain.records import StoredTaper
from practice_desk.domain.tapering import TaperPlan
from practice_desk.domain.users import Permission, User, check_new_password, check_username
from practice_desk.practice import witness
from practice_desk.practice.appointments import AppointmentsService
from practice_desk.practice.backups import BackupReport, BackupsService, restore_backup
from practice_desk.practice.chart import ChartService
from practice_desk.practice.notes import NotesService
from practice_desk.practice.patients import PatientsService
from practice_desk.practice.prescribing import RxService
from practice_desk.practice.printing import DocumentsService
from practice_desk.practice.regimens import RegimensService
from practice_desk.practice.results import ResultsService
from practice_desk.practice.session import (
    DEMO_META,
    RECOVERY_USER,
    Service,
    Session,
    delegate,
    use_case,
)
from practice_desk.practice.tapers import TapersService
from practice_desk.practice.trust import SEAL_ACTION, Trust
from practice_desk.practice.users import UsersService
from practice_desk.vault.media import storage_warning
from practice_desk.vault.vault import Vault

log = logging.getLogger("practice_desk")


class FailedAttempt(BaseModel):
    at: datetime
    username: str


class CheckReport(BaseModel):
    problems: list[str]

    @property
    def ok(self) -> bool:
        return not self.problems


class Practice(Service):
    """An open practice file: its services over one session.

    >>> practice = Practice.open(path)
    >>> practice.unlock("drsmith", password)
    >>> practice.patients.search_patients("smi")

    Each service keeps one part of the record (``patients``, ``regimens``, ``notes``,
    ``results``, ``tapers``, ``rx``, ``documents``, ``backups``, ``users``,
    ``appointments``). The names scripts used before the services (``add_patient``,
    ``start_medication``, ...) still work: each passes the call to its service.
    """

    def __init__(self, vault: Vault) -> None:
        super().__init__(Session(vault))
        session = self.session
        self._trust = Trust(session)
        self.patients = PatientsService(session)
        self.regimens = RegimensService(session)
        self.results = ResultsService(session)
        self.tapers = TapersService(session)
        self.rx = RxService(session)
        self.documents = DocumentsService(session, self.rx, self._trust)
        self.notes = NotesService(session)
        self.users = UsersService(session, self._trust)
        self.backups = BackupsService(session, self._trust)
        self.appointments = AppointmentsService(session)
        self._charts = ChartService(
            session,
            regimens=self.regimens,
            results=self.results,
            tapers=self.tapers,
            rx=self.rx,
            notes=self.notes,
            appointments=self.appointments,
        )
        #: Failed unlock attempts since the previous good unlock, shown once after unlocking.
        self.failed_attempts: list[FailedAttempt] = []
        #: Things the user should know about where the practice file lives.
        self.warnings: list[str] = []
        #: Found at unlock: the practice's files were changed outside Practice Desk.
        self.integrity_warnings: list[str] = []
        warning = storage_warning(vault.path)
        if warning:
            self.warnings.append(warning)

    @property
    def unlocked_with_recovery_key(self) -> bool:
        return self.session.signed_in is RECOVERY_USER

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call listener with what each committed change touched (see domain.changes)."""
        return self.session.subscribe(listener)

    # --- the names from before the services ----------------------------------------------

    def plan_taper(self, order_id: int, *, start: date | None = None, **settings: Any) -> TaperPlan:
        return self.tapers.plan_taper(order_id, start=start, **settings)

    def replan_taper(
        self, taper_id: int, *, row_version: int, from_step: int, reason: str = "", **settings: Any
    ) -> StoredTaper:
        return self.tapers.replan_taper(
            taper_id, row_version=row_version, from_step=from_step, reason=reason, **settings
        )

    add_patient = delegate("patients", PatientsService.add_patient)
    add_patients = delegate("patients", PatientsService.add_patients)
    update_patient = delegate("patients", PatientsService.update_patient)
    archive_patient = delegate("patients", PatientsService.archive_patient)
    unarchive_patient = delegate("patients", PatientsService.unarchive_patient)
    get_patient = delegate("patients", PatientsService.get_patient)
    find_patient_ids = delegate("patients", PatientsService.find_patient_ids)
    patient_summaries = delegate("patients", PatientsService.patient_summaries)
    search_patients = delegate("patients", PatientsService.search_patients)
    patient_count = delegate("patients", PatientsService.patient_count)
    medications = delegate("regimens", RegimensService.medications)
    check_medications = delegate("regimens", RegimensService.check_medications)
    start_medication = delegate("regimens", RegimensService.start_medication)
    change_dose = delegate("regimens", RegimensService.change_dose)
    stop_medication = delegate("regimens", RegimensService.stop_medication)
    reconcile_medications = delegate("regimens", RegimensService.reconcile_medications)
    record_lab = delegate("results", ResultsService.record_lab)
    lab_results = delegate("results", ResultsService.lab_results)
    monitoring_due = delegate("results", ResultsService.monitoring_due)
    practice_due = delegate("results", ResultsService.practice_due)
    record_scale = delegate("results", ResultsService.record_scale)
    scale_history = delegate("results", ResultsService.scale_history)
    start_taper = delegate("tapers", TapersService.start_taper)
    active_tapers = delegate("tapers", TapersService.active_tapers)
    taper_step = delegate("tapers", TapersService.taper_step)
    taper_events = delegate("tapers", TapersService.taper_events)
    extend_taper_step = delegate("tapers", TapersService.extend_taper_step)
    step_back_taper = delegate("tapers", TapersService.step_back_taper)
    log_withdrawal = delegate("tapers", TapersService.log_withdrawal)
    withdrawal_log = delegate("tapers", TapersService.withdrawal_log)
    end_taper = delegate("tapers", TapersService.end_taper)
    practice_profile = delegate("rx", RxService.practice_profile)
    save_practice_profile = delegate("rx", RxService.save_practice_profile)
    write_prescription = delegate("rx", RxService.write_prescription)
    write_taper_prescription = delegate("rx", RxService.write_taper_prescription)
    draft_taper_prescription = delegate("rx", RxService.draft_taper_prescription)
    preview_prescriptions = delegate("rx", RxService.preview_prescriptions)
    print_prescriptions = delegate("rx", RxService.print_prescriptions)
    void_prescription = delegate("rx", RxService.void_prescription)
    verify_prescription = delegate("rx", RxService.verify_prescription)
    prescription_log = delegate("rx", RxService.prescription_log)
    recovery_sheet_pdf = delegate("documents", DocumentsService.recovery_sheet_pdf)
    note_export = delegate("documents", DocumentsService.note_export)
    handout_pdf = delegate("documents", DocumentsService.handout_pdf)
    taper_calendar_pdf = delegate("documents", DocumentsService.taper_calendar_pdf)
    visit_facts = delegate("documents", DocumentsService.visit_facts)
    visit_summary_pdf = delegate("documents", DocumentsService.visit_summary_pdf)
    appointment_card_pdf = delegate("documents", DocumentsService.appointment_card_pdf)
    medication_list_pdf = delegate("documents", DocumentsService.medication_list_pdf)
    save_note = delegate("notes", NotesService.save_note)
    sign_note = delegate("notes", NotesService.sign_note)
    add_addendum = delegate("notes", NotesService.add_addendum)
    search_notes = delegate("notes", NotesService.search_notes)
    unsigned_notes = delegate("notes", NotesService.unsigned_notes)
    add_user = delegate("users", UsersService.add_user)
    remove_user = delegate("users", UsersService.remove_user)
    reset_password = delegate("users", UsersService.reset_password)
    change_password = delegate("users", UsersService.change_password)
    export_plain_sqlite = delegate("users", UsersService.export_plain_sqlite)
    rotate_data_key = delegate("users", UsersService.rotate_data_key)
    new_recovery_key = delegate("users", UsersService.new_recovery_key)
    export_data_key = delegate("users", UsersService.export_data_key)
    backup_to = delegate("backups", BackupsService.backup_to)
    backup_job = delegate("backups", BackupsService.backup_job)
    check_against_backup = delegate("backups", BackupsService.check_against_backup)
    record_backup = delegate("backups", BackupsService.record_backup)
    last_verified_backup = delegate("backups", BackupsService.last_verified_backup)
    backup_overdue = delegate("backups", BackupsService.backup_overdue)
    set_follow_up = delegate("appointments", AppointmentsService.set_follow_up)
    follow_up = delegate("appointments", AppointmentsService.follow_up)
    follow_ups_due = delegate("appointments", AppointmentsService.follow_ups_due)
    chart = delegate("_charts", ChartService.chart)
    trust_anchor = delegate("_trust", Trust.trust_anchor)

    # --- lifecycle -----------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        path: Path | str,
        username: str,
        password: str,
        full_name: str = "",
        *,
        demo: bool = False,
    ) -> tuple[Practice, str]:
        """A new practice with its first prescriber, unlocked; and the recovery key to show once.

        ``demo`` marks a practice that holds synthetic patients only: only such a practice
        accepts generated demo patients.
        """
        username = check_username(username)
        check_new_password(password, username, (full_name, Path(path).stem))
        vault, user, recovery_key = Vault.create(
            Path(path),
            username,
            full_name or username,
            password,
            extra_meta={DEMO_META: "1"} if demo else None,
        )
        practice = cls(vault)
        practice.session.signed_in = user
        try:
            practice._trust._found_roster()  # the founder's key is the practice's trust anchor
        except BaseException:
            practice.close()
            raise
        log.info("vault created id=%s", vault.keys.vault_id)
        return practice, recovery_key

    @classmethod
    def open(cls, path: Path | str) -> Practice:
        """Open a practice file, locked. VaultInUse if another program has it open."""
        return cls(Vault.open(Path(path)))

    def unlock(self, username: str, password: str) -> User:
        slot = self._vault.unlock_with_password(username, password)
        try:
            user = self._store.users.by_slot(slot.slot_id)
        except StorageError as exc:
            self._vault.lock()
            raise VaultDamaged(
                f"The practice file {self._vault.path.name} is damaged: its list of users "
                f"cannot be read ({exc.reason}). Your password was accepted; restore the practice "
                "from a backup."
            ) from None
        if user is None or not user.active or user.username != username:
            self._vault.lock()
            raise UnknownUser(username)
        self.session.signed_in = user
        self._after_unlock("unlock")
        return self.user

    def unlock_with_recovery_key(self, recovery_key: str) -> None:
        """Unlock as the practice owner, for a password reset or a backup restore."""
        self._vault.unlock_with_recovery_key(recovery_key)
        self.session.signed_in = RECOVERY_USER
        self._after_unlock("unlock.recovery_key")

    def _after_unlock(self, action: str) -> None:
        """Check the signed roster, audit the unlock (and the failures before it); on any
        failure stay locked."""
        try:
            self.session.signed_in, roster_words = self._trust._roster_on_unlock(self.user)
            self._record_unlock(action, roster_words)
        except StorageError as exc:
            self.session.signed_in = None
            self._vault.lock()
            if "malformed" not in str(exc) and "not a database" not in str(exc):
                raise
            raise VaultDamaged(
                f"The practice file {self._vault.path.name} is damaged and cannot be "
                "written. Your password was accepted; run “practice-desk check” on it, or "
                "restore the practice from a backup."
            ) from None
        except BaseException:
            self.session.signed_in = None
            self._vault.lock()
            raise

    def _record_unlock(self, action: str, roster_words: list[str]) -> None:
        keys = self._vault.keys
        active = {u.slot_id for u in self._store.users.active()}
        if keys.drop_unowned(active):
            log.warning("removed key slots that belonged to no user")
            keys.save()
        self.failed_attempts = [
            FailedAttempt(at=at, username=username) for at, username in keys.failed_unlocks()
        ]
        self.integrity_warnings = [self._vault.tampering] if self._vault.tampering else []
        self.integrity_warnings += roster_words
        went_back = witness.went_back(keys.vault_id, self._store)
        if went_back:
            self.integrity_warnings.append(went_back)
        with self._change():
            if self._store.audit.last_action() not in (SEAL_ACTION, None):
                self._trust._seal_audit(late=True)  # the last session ended without locking
            for words in roster_words:
                self._audit("roster.mismatch", detail={"found": words})
            if went_back:
                self._audit("witness.went_back", detail={"found": went_back})
            if self._vault.tampering:
                self._audit("keyfile.changed_outside", detail={"found": self._vault.tampering})
            if self._vault.rotation_finished:
                self._audit(
                    "key.rotated",
                    detail={
                        "reason": "finished after an interruption",
                        "generation": keys.generation,
                    },
                )
            for failed in self.failed_attempts:
                self._audit(
                    "unlock.failed",
                    detail={"username": failed.username, "at": failed.at.isoformat()},
                )
            self._audit(action)
        if self.failed_attempts or self._vault.tampering:
            # Recorded in the audit trail above; the file is sealed afresh.
            keys.clear_failed_unlocks()
            keys.save()

    def lock(self) -> None:
        """Close the database and drop the key; unlock again to continue."""
        if self._vault.unlocked and self.session.signed_in is not None:
            # Locking must always succeed: a damaged or full disk only costs the event.
            try:
                with self._change():
                    self._audit("lock")
                    self._trust._seal_audit()
                witness.remember(self._vault.keys.vault_id, self._store)
            except StorageError:
                log.warning("lock event could not be written")
        self.session.signed_in = None
        self.session.search_audited.clear()
        self._vault.lock()

    def close(self) -> None:
        self.lock()
        self._vault.close()

    def reopen(self, path: Path | str | None = None) -> None:
        """Close this practice file and open another (or the same one again), locked: the
        window keeps this Practice and shows the unlock page. VaultInUse as ``open``."""
        self.close()
        try:
            self.session.vault = Vault.open(Path(path) if path else self._vault.path)
        except PracticeError:
            self.session.vault = Vault.open(self._vault.path)  # back to the one we had
            raise
        self.failed_attempts = []
        self.integrity_warnings = []

    def restore_over(
        self,
        backup: Path | str,
        *,
        username: str | None = None,
        password: str | None = None,
        recovery_key: str | None = None,
    ) -> tuple[BackupReport, Path | None]:
        """From the unlock screen: a verified backup takes this practice's place (the
        practice is kept beside it as a before-restore copy), and the restored practice is
        open, locked. On any failure this practice is open again as it was."""
        if self.is_unlocked:
            raise Conflict("Lock the practice before restoring a backup over it.")
        if not (password or recovery_key):
            raise ValidationError(
                "password",
                "Type the password the backup was made with (or use the recovery key), "
                "then restore.",
            )
        path = self._vault.path
        self._vault.close()
        try:
            return restore_backup(
                backup, path, username=username, password=password, recovery_key=recovery_key
            )
        finally:
            self.session.vault = Vault.open(path)
            self.failed_attempts = []
            self.integrity_warnings = []

    def __enter__(self) -> Practice:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Many changes, one commit: for imports and demo data (each still audited); what
        they changed is published once, after the commit."""
        with self.session.operation(), self._change():
            yield

    # --- facts ---------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._vault.path

    @property
    def vault_id(self) -> str:
        return self._vault.keys.vault_id

    @property
    def is_unlocked(self) -> bool:
        return self._vault.unlocked and self.session.signed_in is not None

    @property
    def is_demo(self) -> bool:
        """True for a practice created to hold synthetic demo patients only."""
        self.user  # noqa: B018 - signed in
        return self._store.settings.get(DEMO_META) == "1"

    def usernames(self) -> list[str]:
        """Who can sign in (from the key file, so known before unlocking)."""
        return self._vault.keys.usernames()

    # --- preferences -----------------------------------------------------------------------

    @use_case()
    def preferences(self) -> Preferences:
        """Auto-lock, backup reminder, handout language and prescription paper."""
        return self._store.preferences.load()

    @use_case(Permission.MANAGE_USERS, changes=(Change.PREFERENCES,))
    def save_preferences(self, value: Preferences) -> None:
        """Prescribers only: auto-lock and reminders protect the whole practice."""
        before = self._store.preferences.load().model_dump()
        changed = {k: v for k, v in value.model_dump().items() if before.get(k) != v}
        if not changed:
            return
        with self._change():
            self._store.preferences.save(value)
            self._audit("preferences.saved", detail=changed)

    # --- audit and checks ----------------------------------------------------------------

    @use_case(Permission.READ_AUDIT)
    def audit_events(self, patient_id: int | None = None, limit: int = 1000) -> list[AuditEvent]:
        return self._store.audit.events(patient_id, limit)

    @use_case()
    def check(self) -> CheckReport:
        """Cipher pages, database structure and the audit chain, checked in full."""
        # What this unlock found first: the key file is sealed afresh when the practice locks.
        problems = list(self.integrity_warnings)
        try:
            problems += self._vault.check()
            problems += self._trust._trust_problems()
        except VaultDamaged as exc:
            problems.append(str(exc))
        except StorageError as exc:  # a damaged page met while reading the records
            problems.append(f"the practice file is damaged: {exc.reason}")
        try:
            self._audit("vault.checked", detail={"problems": len(problems)})
        except StorageError as exc:
            if not problems:
                problems.append(str(exc))
        return CheckReport(problems=problems)
