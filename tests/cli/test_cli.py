"""The command line as scripts use it: real processes, real files, exit codes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from practice_desk.practice import Practice
from tests.helpers import NURSE_PASSWORD, PASSWORD, patient_data


def run(*args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "practice_desk", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=os.environ.copy(),
        check=False,
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "pw").write_text(PASSWORD + "\n")
    (tmp_path / "nursepw").write_text(NURSE_PASSWORD + "\n")
    (tmp_path / "bad").write_text("not the password\n")
    return tmp_path


@pytest.fixture
def vault(folder: Path) -> Path:
    result = run(
        "init",
        "v.pdvault",
        "--user",
        "drsmith",
        "--full-name",
        "Dr Sam Smith",
        "--password-file",
        "pw",
        "--recovery-key-out",
        "rk",
        cwd=folder,
    )
    assert result.returncode == 0, result.stderr
    return folder / "v.pdvault"


def test_init_writes_a_private_recovery_key_that_unlocks(vault: Path, folder: Path) -> None:
    key_file = folder / "rk"
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert len(key_file.read_text().strip().split("-")) == 8
    assert key_file.read_text().strip() not in (folder / "v.pdvault.keys").read_text()
    result = run("users", "v.pdvault", "--recovery-key-file", "rk", "list", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "drsmith\tprescriber\tDr Sam Smith" in result.stdout


def test_init_without_key_file_prints_the_key_once(folder: Path) -> None:
    result = run("init", "w.pdvault", "--user", "drsmith", "--password-file", "pw", cwd=folder)
    assert result.returncode == 0
    key = next(line.strip() for line in result.stdout.splitlines() if line.count("-") == 7)
    practice = Practice.open(folder / "w.pdvault")
    practice.unlock_with_recovery_key(key)
    practice.close()


def test_init_refuses_an_existing_vault_and_leaves_it_alone(vault: Path, folder: Path) -> None:
    before = vault.read_bytes()
    result = run("init", "v.pdvault", "--user", "x", "--password-file", "pw", cwd=folder)
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert vault.read_bytes() == before


def test_init_with_a_weak_password_creates_nothing(folder: Path) -> None:
    (folder / "weak").write_text("short\n")
    result = run(
        "init",
        "x.pdvault",
        "--user",
        "drsmith",
        "--password-file",
        "weak",
        "--recovery-key-out",
        "xrk",
        cwd=folder,
    )
    assert result.returncode == 1
    assert "at least 10 characters" in result.stderr
    assert not (folder / "x.pdvault").exists() and not (folder / "xrk").exists()
    assert not (folder / "x.pdvault.keys").exists()


@pytest.mark.parametrize("weak", ["password12", "1234567890", "qwertyuiop", "drsmith123"])
def test_init_refuses_a_guessable_password_of_ten_characters(folder: Path, weak: str) -> None:
    (folder / "guessable").write_text(weak + "\n")
    result = run(
        "init", "g.pdvault", "--user", "drsmith", "--password-file", "guessable", cwd=folder
    )
    assert result.returncode == 1
    assert "too easy to guess" in result.stderr and "Traceback" not in result.stderr
    assert not (folder / "g.pdvault").exists()


def test_user_administration_and_exit_codes(vault: Path, folder: Path) -> None:
    as_doctor = ("--user", "drsmith", "--password-file", "pw")
    ok = run(
        "users",
        "v.pdvault",
        *as_doctor,
        "add",
        "nurse1",
        "--role",
        "nurse",
        "--new-password-file",
        "nursepw",
        cwd=folder,
    )
    assert ok.returncode == 0, ok.stderr
    listing = run("users", "v.pdvault", *as_doctor, "list", cwd=folder)
    assert "nurse1\tnurse" in listing.stdout

    refused = run(
        "users",
        "v.pdvault",
        "--user",
        "nurse1",
        "--password-file",
        "nursepw",
        "add",
        "x2",
        "--role",
        "nurse",
        "--new-password-file",
        "nursepw",
        cwd=folder,
    )
    assert refused.returncode == 1
    assert "nurse cannot" in refused.stderr

    wrong = run(
        "users", "v.pdvault", "--user", "drsmith", "--password-file", "bad", "list", cwd=folder
    )
    assert wrong.returncode == 3
    assert "password is not right" in wrong.stderr
    unknown = run(
        "users", "v.pdvault", "--user", "ghost", "--password-file", "pw", "list", cwd=folder
    )
    assert unknown.returncode == 3

    reset = run(
        "users",
        "v.pdvault",
        *as_doctor,
        "reset-password",
        "nurse1",
        "--new-password-file",
        "pw",
        cwd=folder,
    )
    assert reset.returncode == 0
    removed = run("users", "v.pdvault", *as_doctor, "remove", "nurse1", cwd=folder)
    assert removed.returncode == 0
    gone = run("check", "v.pdvault", "--user", "nurse1", "--password-file", "pw", cwd=folder)
    assert gone.returncode == 3


def test_usage_errors_exit_2(vault: Path, folder: Path) -> None:
    assert run("users", "v.pdvault", cwd=folder).returncode == 2
    no_tty = run("check", "v.pdvault", cwd=folder, stdin="")
    assert no_tty.returncode == 2
    assert "--user" in no_tty.stderr


def test_check_reports_a_tampered_audit_trail(vault: Path, folder: Path) -> None:
    clean = run("check", "v.pdvault", "--user", "drsmith", "--password-file", "pw", cwd=folder)
    assert clean.returncode == 0, clean.stderr
    assert clean.stdout.startswith("ok")

    practice = Practice.open(vault)
    practice.unlock("drsmith", PASSWORD)
    conn = practice._vault.conn
    conn.execute("DROP TRIGGER audit_is_append_only_update")
    conn.execute("UPDATE audit SET action = 'nothing.to.see' WHERE seq = 1")
    practice.close()

    broken = run("check", "v.pdvault", "--user", "drsmith", "--password-file", "pw", cwd=folder)
    assert broken.returncode == 1
    assert "audit event 1" in broken.stdout


def test_second_instance_is_refused_while_open(vault: Path, folder: Path) -> None:
    practice = Practice.open(vault)
    try:
        result = run("check", "v.pdvault", "--user", "drsmith", "--password-file", "pw", cwd=folder)
    finally:
        practice.close()
    assert result.returncode == 1
    assert "already open" in result.stderr


def test_demo_is_deterministic_and_grows(folder: Path) -> None:
    first = run("demo", "a.pdvault", "--patients", "40", "--seed", "7", cwd=folder)
    second = run("demo", "b.pdvault", "--patients", "40", "--seed", "7", cwd=folder)
    assert first.returncode == 0 and second.returncode == 0, first.stderr
    names = []
    for name in ("a.pdvault", "b.pdvault"):
        practice = Practice.open(folder / name)
        practice.unlock("demo", "demo practice only")
        names.append([s.display_name for s in practice.search_patients("")])
        practice.close()
    assert names[0] == names[1] and len(names[0]) == 40
    grow = run(
        "demo",
        "a.pdvault",
        "--patients",
        "10",
        "--seed",
        "8",
        "--user",
        "demo",
        "--password-file",
        "demopw",
        cwd=folder,
    )
    assert grow.returncode == 2  # password file missing: a usage error
    (folder / "demopw").write_text("demo practice only\n")
    grow = run(
        "demo",
        "a.pdvault",
        "--patients",
        "10",
        "--seed",
        "8",
        "--user",
        "demo",
        "--password-file",
        "demopw",
        cwd=folder,
    )
    assert grow.returncode == 0, grow.stderr
    assert "(50 in the practice)" in grow.stdout


def test_demo_data_is_refused_for_a_real_practice(vault: Path, folder: Path) -> None:
    result = run(
        "demo",
        "v.pdvault",
        "--patients",
        "5",
        "--user",
        "drsmith",
        "--password-file",
        "pw",
        cwd=folder,
    )
    assert result.returncode == 1
    assert "not a demo practice" in result.stderr
    practice = Practice.open(vault)
    practice.unlock("drsmith", PASSWORD)
    assert practice.patient_count() == 0
    practice.close()


def test_bad_input_never_shows_a_traceback(vault: Path, folder: Path) -> None:
    (folder / "latin1").write_bytes("pässword\n".encode("latin-1"))
    (folder / "badkey").write_text("123456-²²²²²²-000000\n")
    attempts = [
        ("check", "v.pdvault", "--user", "drsmith", "--password-file", "latin1"),
        ("check", "v.pdvault", "--recovery-key-file", "badkey"),
        ("check", "v.pdvault", "--recovery-key-file", "nonexistent"),
        ("check", "missing.pdvault", "--user", "drsmith", "--password-file", "pw"),
        (
            "users",
            "v.pdvault",
            "--user",
            "drsmith",
            "--password-file",
            "pw",
            "add",
            "Bad Name",
            "--role",
            "nurse",
            "--new-password-file",
            "pw",
        ),
        ("users", "v.pdvault", "--user", "drsmith", "--password-file", "pw", "remove", "ghost"),
        ("demo", "d.pdvault", "--patients", "-3"),
        (
            "init",
            str(folder / "no-such-dir" / "x.pdvault"),
            "--user",
            "drsmith",
            "--password-file",
            "pw",
        ),
    ]
    for args in attempts:
        result = run(*args, cwd=folder)
        assert result.returncode in (1, 2, 3), (args, result.returncode)
        assert "Traceback" not in result.stderr, (args, result.stderr)
        last_line = result.stderr.strip().splitlines()[-1]
        assert last_line.startswith("practice-desk:"), (args, result.stderr)


def test_a_zeroed_page_anywhere_gives_words_and_exit_1_never_a_traceback(
    vault: Path, folder: Path
) -> None:
    """Pages of the encrypted file wiped (a disk fault): check and list say the file is
    damaged, in words, with exit code 1, wherever the page was."""
    from practice_desk.practice import Practice

    with Practice.open(vault) as practice:
        practice.unlock("drsmith", PASSWORD)
        for n in range(150):
            practice.add_patient(patient_data(given_name=f"Zed{n}"))
    pristine = vault.read_bytes()
    pages = len(pristine) // 4096
    for page in sorted({1, 2, 3, pages // 2, pages - 1}):
        damaged = bytearray(pristine)
        damaged[page * 4096 : (page + 1) * 4096] = bytes(4096)
        vault.write_bytes(bytes(damaged))
        login = ("--user", "drsmith", "--password-file", "pw")
        for command in (("check", "v.pdvault", *login), ("users", "v.pdvault", *login, "list"),
                        ("backup", "v.pdvault", "--to", "usb", *login)):  # fmt: skip
            (folder / "usb").mkdir(exist_ok=True)
            result = run(*command, cwd=folder)
            assert "Traceback" not in result.stderr, (page, command, result.stderr)
            if result.returncode != 0:
                said = result.stderr + result.stdout  # check reports what it found
                assert result.returncode == 1, said
                assert "damaged" in said or "problem:" in said, said


def test_export_key_prints_a_recipe_that_opens_the_file_without_practice_desk(
    vault: Path, folder: Path
) -> None:
    """No lock-in: the printed sqlcipher3 recipe, run as printed on a copy, reads the
    patients; a nurse cannot export the key; the export is audited."""
    import shutil
    import textwrap

    from practice_desk.practice import Practice

    with Practice.open(vault) as practice:
        practice.unlock("drsmith", PASSWORD)
        for n in range(3):
            practice.add_patient(patient_data(given_name=f"Kay{n}"))
        practice.add_user("nurse1", "Nurse One", "nurse", NURSE_PASSWORD)
    result = run("export-key", "v.pdvault", "--user", "drsmith", "--password-file", "pw",
                 cwd=folder)  # fmt: skip
    assert result.returncode == 0, result.stderr
    text = result.stdout
    start = text.index("    import sqlcipher3")
    recipe = textwrap.dedent(text[start : text.index("\n\n", start)])
    copy = folder / "copy"
    copy.mkdir()
    shutil.copy(vault, copy / "v.pdvault")
    for suffix in ("-wal", "-shm"):
        if (folder / f"v.pdvault{suffix}").exists():
            shutil.copy(folder / f"v.pdvault{suffix}", copy / f"v.pdvault{suffix}")
    read = subprocess.run([sys.executable, "-c", recipe], cwd=copy, capture_output=True,
                          text=True, timeout=60)  # fmt: skip
    assert read.returncode == 0, read.stderr
    assert read.stdout.strip() == "(3,)"

    refused = run("export-key", "v.pdvault", "--user", "nurse1", "--password-file", "nursepw",
                  cwd=folder)  # fmt: skip
    assert refused.returncode != 0 and "x'" not in refused.stdout
    assert "export the practice's encryption key" in refused.stderr
    with Practice.open(vault) as practice:
        practice.unlock("drsmith", PASSWORD)
        actions = [e.action for e in practice.audit_events()]
        assert actions.count("key.exported") == 1


def _export_key(folder: Path, *credentials: str) -> str:
    result = run("export-key", "v.pdvault", *credentials, cwd=folder)
    assert result.returncode == 0, result.stderr
    return next(
        line.strip() for line in result.stdout.splitlines() if line.strip().startswith("x'")
    )


def test_removing_a_user_replaces_the_key_and_says_what_it_does_not_reach(
    vault: Path, folder: Path
) -> None:
    as_doctor = ("--user", "drsmith", "--password-file", "pw")
    added = run(
        "users", "v.pdvault", *as_doctor, "add", "nurse1", "--role", "nurse",
        "--new-password-file", "nursepw", cwd=folder,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    before = _export_key(folder, *as_doctor)

    removed = run("users", "v.pdvault", *as_doctor, "remove", "nurse1", cwd=folder)

    assert removed.returncode == 0, removed.stderr
    assert "encryption key was replaced" in removed.stdout
    assert "backups made before now are not reached" in removed.stdout
    assert "New recovery key" not in removed.stdout  # the recovery slot got the new key
    assert _export_key(folder, *as_doctor) != before
    assert run("check", "v.pdvault", "--recovery-key-file", "rk", cwd=folder).returncode == 0


def test_reset_with_old_may_be_known_rotates_and_a_plain_reset_does_not(
    vault: Path, folder: Path
) -> None:
    as_doctor = ("--user", "drsmith", "--password-file", "pw")
    run(
        "users", "v.pdvault", *as_doctor, "add", "nurse1", "--role", "nurse",
        "--new-password-file", "nursepw", cwd=folder,
    )  # fmt: skip
    (folder / "newpw").write_text("violet tundra saddle 31\n")
    first = _export_key(folder, *as_doctor)
    plain = run(
        "users", "v.pdvault", *as_doctor, "reset-password", "nurse1",
        "--new-password-file", "newpw", cwd=folder,
    )  # fmt: skip
    assert plain.returncode == 0 and "replaced" not in plain.stdout
    assert _export_key(folder, *as_doctor) == first
    known = run(
        "users", "v.pdvault", *as_doctor, "reset-password", "nurse1",
        "--new-password-file", "nursepw", "--old-may-be-known", cwd=folder,
    )  # fmt: skip
    assert known.returncode == 0 and "encryption key was replaced" in known.stdout
    assert _export_key(folder, *as_doctor) != first


def test_rotate_key_with_a_new_recovery_key_writes_it_privately_and_the_old_one_stops(
    vault: Path, folder: Path
) -> None:
    rotated = run(
        "rotate-key", "v.pdvault", "--user", "drsmith", "--password-file", "pw",
        "--new-recovery-key", "--recovery-key-out", "rk2", cwd=folder,
    )  # fmt: skip
    assert rotated.returncode == 0, rotated.stderr
    assert stat.S_IMODE((folder / "rk2").stat().st_mode) == 0o600
    assert (folder / "rk2").read_text() != (folder / "rk").read_text()
    old = run("check", "v.pdvault", "--recovery-key-file", "rk", cwd=folder)
    assert old.returncode == 3 and "does not open this practice" in old.stderr
    assert run("check", "v.pdvault", "--recovery-key-file", "rk2", cwd=folder).returncode == 0
    # An existing file is never overwritten, and then nothing is changed.
    again = run(
        "rotate-key", "v.pdvault", "--user", "drsmith", "--password-file", "pw",
        "--new-recovery-key", "--recovery-key-out", "rk2", cwd=folder,
    )  # fmt: skip
    assert again.returncode == 2 and "Cannot create rk2" in again.stderr
    assert run("check", "v.pdvault", "--recovery-key-file", "rk2", cwd=folder).returncode == 0
    # A nurse may not.
    run(
        "users", "v.pdvault", "--user", "drsmith", "--password-file", "pw", "add", "nurse1",
        "--role", "nurse", "--new-password-file", "nursepw", cwd=folder,
    )  # fmt: skip
    nurse = run(
        "rotate-key", "v.pdvault", "--user", "nurse1", "--password-file", "nursepw",
        "--recovery-key-out", "rk3", cwd=folder,
    )  # fmt: skip
    assert nurse.returncode == 1 and not (folder / "rk3").exists()


def test_export_sqlite_writes_a_private_plain_copy_and_warns(vault: Path, folder: Path) -> None:
    import sqlite3

    result = run(
        "export", "v.pdvault", "--sqlite", "plain.sqlite", "--user", "drsmith",
        "--password-file", "pw", cwd=folder,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "is NOT encrypted" in result.stdout
    out = folder / "plain.sqlite"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert sqlite3.connect(out).execute("SELECT count(*) FROM users").fetchone() == (1,)
    again = run(
        "export", "v.pdvault", "--sqlite", "plain.sqlite", "--user", "drsmith",
        "--password-file", "pw", cwd=folder,
    )  # fmt: skip
    assert again.returncode == 1 and "already exists" in again.stderr


def test_check_against_a_backup(vault: Path, folder: Path) -> None:
    (folder / "usb").mkdir()
    as_doctor = ("--user", "drsmith", "--password-file", "pw")
    made = run("backup", "v.pdvault", "--to", "usb", *as_doctor, cwd=folder)
    assert made.returncode == 0, made.stderr
    [backup] = list((folder / "usb").glob("*.pdbackup"))
    checked = run("check", "v.pdvault", "--against", str(backup), *as_doctor, cwd=folder)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert f"the practice continues {backup.name}" in checked.stdout
