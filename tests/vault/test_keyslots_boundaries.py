"""The key file's rules at their edges: KDF limits, the seal, failed unlocks, versions."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pydantic
import pytest

from practice_desk.domain.errors import VaultDamaged, VaultTooNew
from practice_desk.vault import keys
from practice_desk.vault.keyslots import (
    MAX_FAILED_KEPT,
    RECOVERY_ATTEMPT,
    VERSION,
    KdfSpec,
    KeySlots,
    excessive_kdf,
)

SALT = base64.b64encode(b"s" * 16).decode()
DATA_KEY = b"k" * 32


@pytest.mark.parametrize(
    ("field", "most"),
    [
        ("time_cost", keys.MAX_TIME_COST),
        ("memory_kib", keys.MAX_MEMORY_KIB),
        ("parallelism", keys.MAX_PARALLELISM),
    ],
)
def test_kdf_settings_up_to_the_apps_own_limits_are_read(field: str, most: int) -> None:
    spec = {"name": "argon2id", "time_cost": 3, "memory_kib": 65536, "parallelism": 2}
    assert excessive_kdf({**spec, field: most}) == ""
    words = excessive_kdf({**spec, field: most + 1})
    assert str(most + 1) in words and f"at most {most}" in words
    # Wherever it hides in the file, and whatever else is there.
    assert excessive_kdf({"slots": [{"kdf": {**spec, field: most + 1}}]}) == words
    assert excessive_kdf([{}, {"kdf": {**spec, field: most + 1}}]) == words
    assert excessive_kdf({**spec, "name": "hkdf-sha256", field: most + 1}) == ""
    assert excessive_kdf({**spec, field: str(most + 1)}) == ""  # not a number: the model says


def test_argon2_needs_a_pass_a_lane_and_eight_kib_per_lane() -> None:
    good = {"name": "argon2id", "salt": SALT, "time_cost": 1, "memory_kib": 16, "parallelism": 2}
    KdfSpec.model_validate(good)
    for change in ({"time_cost": 0}, {"parallelism": 0}, {"memory_kib": 15}):
        with pytest.raises(pydantic.ValidationError, match="impossible Argon2"):
            KdfSpec.model_validate({**good, **change})
    KdfSpec.model_validate({"name": "hkdf-sha256", "salt": SALT})  # no Argon2 settings
    for field, most in (
        ("time_cost", keys.MAX_TIME_COST),
        ("memory_kib", keys.MAX_MEMORY_KIB),
        ("parallelism", keys.MAX_PARALLELISM),
    ):
        with pytest.raises(pydantic.ValidationError):
            KdfSpec.model_validate({**good, "memory_kib": keys.MAX_MEMORY_KIB, field: most + 1})


@pytest.mark.parametrize(("length", "ok"), [(15, False), (16, True), (64, True), (65, False)])
def test_salt_length(length: int, ok: bool) -> None:
    spec = {"name": "hkdf-sha256", "salt": base64.b64encode(b"s" * length).decode()}
    if ok:
        loaded = KdfSpec.model_validate(spec)
        assert json.loads(loaded.model_dump_json())["salt"] == spec["salt"]  # round trip
    else:
        with pytest.raises(pydantic.ValidationError):
            KdfSpec.model_validate(spec)


def test_failed_unlocks_keep_only_real_names_and_the_last_two_hundred() -> None:
    slots = KeySlots.new()
    slots.set_password(slots.new_slot_id(), "drsmith", "correct horse battery", DATA_KEY)
    slots.note_failed_unlock("drsmith")
    slots.note_failed_unlock("hunter2")  # a password typed into the user box
    slots.note_failed_unlock(RECOVERY_ATTEMPT)
    assert [f.username for f in slots.failed_unlocks] == [
        "drsmith",
        "(unknown user)",
        RECOVERY_ATTEMPT,
    ]
    for _ in range(MAX_FAILED_KEPT):
        slots.note_failed_unlock("drsmith")
    assert len(slots.failed_unlocks) == MAX_FAILED_KEPT == 200
    assert "(unknown user)" not in [f.username for f in slots.failed_unlocks]  # oldest gone


def test_the_seal_notices_any_edit_but_not_failed_unlocks(tmp_path: Path) -> None:
    slots = KeySlots.new()
    slots.set_password(slots.new_slot_id(), "drsmith", "correct horse battery", DATA_KEY)
    slots.seal(DATA_KEY)
    assert slots.mac_problem(DATA_KEY) == ""
    slots.note_failed_unlock("drsmith")  # written without a key: outside the seal
    assert slots.mac_problem(DATA_KEY) == ""
    edited = slots.model_copy(update={"generation": 2})
    assert "changed outside Practice Desk" in edited.mac_problem(DATA_KEY)
    assert "changed outside" in slots.mac_problem(b"x" * 32)  # another key
    unsealed = slots.model_copy(update={"mac": None})
    assert "lost its seal" in unsealed.mac_problem(DATA_KEY)
    path = tmp_path / "clinic.pdvault.keys"
    slots.save(path)
    assert KeySlots.load(path).mac_problem(DATA_KEY) == ""


def test_the_sealed_audit_head_holds_or_raises() -> None:
    slots = KeySlots.new()
    assert slots.sealed_audit_head(DATA_KEY) is None
    slots.seal_audit_head(DATA_KEY, 41, "ab" * 32)
    head = slots.sealed_audit_head(DATA_KEY)
    assert head is not None and (head.seq, head.hash) == (41, "ab" * 32)
    for change in ({"seq": 40}, {"hash": "cd" * 32}):
        assert slots.audit_head is not None
        slots.audit_head = slots.audit_head.model_copy(update=change)
        with pytest.raises(VaultDamaged, match="altered"):
            slots.sealed_audit_head(DATA_KEY)
        slots.seal_audit_head(DATA_KEY, 41, "ab" * 32)
    with pytest.raises(VaultDamaged):
        slots.sealed_audit_head(b"x" * 32)


def test_versions_up_to_ours_load_and_a_newer_one_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "clinic.pdvault.keys"
    slots = KeySlots.new()
    slots.save(path)
    assert KeySlots.load(path).version == VERSION
    data = json.loads(path.read_text())
    path.write_text(json.dumps({**data, "version": VERSION + 1}))
    with pytest.raises(VaultTooNew):
        KeySlots.load(path)
    path.write_text(json.dumps({**data, "generation": 0}))
    with pytest.raises(VaultDamaged, match="damaged"):
        KeySlots.load(path)


def _b64(n: int) -> str:
    return base64.b64encode(bytes(n)).decode()


@pytest.mark.parametrize(
    ("field", "good", "bad"),
    [("ephemeral", 32, (31, 33)), ("nonce", 12, (11, 13)), ("sealed", 48, (47, 49))],
)
def test_a_sealed_data_key_is_exactly_its_sizes(
    field: str, good: int, bad: tuple[int, ...]
) -> None:
    from practice_desk.vault.keyslots import Envelope

    sizes = {"ephemeral": 32, "nonce": 12, "sealed": 48}
    assert (
        len(getattr(Envelope.model_validate({k: _b64(v) for k, v in sizes.items()}), field)) == good
    )
    for n in bad:
        with pytest.raises(pydantic.ValidationError):
            Envelope.model_validate({k: _b64(n if k == field else v) for k, v in sizes.items()})


@pytest.mark.parametrize(
    ("field", "lengths", "ok"),
    [
        ("nonce", (12,), True),
        ("nonce", (11, 13), False),
        ("sign_public", (32,), True),
        ("sign_public", (31, 33), False),
        ("box_public", (32,), True),
        ("box_public", (31, 33), False),
    ],
)
def test_a_slot_holds_keys_of_their_exact_sizes(
    field: str, lengths: tuple[int, ...], ok: bool
) -> None:
    from practice_desk.vault.keyslots import Slot

    base = {
        "slot_id": "s1",
        "kind": "password",
        "username": "drsmith",
        "kdf": {"name": "hkdf-sha256", "salt": _b64(16)},
        "nonce": _b64(12),
        "wrapped": _b64(80),
        "sign_public": _b64(32),
        "box_public": _b64(32),
        "envelope": {"ephemeral": _b64(32), "nonce": _b64(12), "sealed": _b64(48)},
    }
    for n in lengths:
        data = base | {field: _b64(n)}
        if ok:
            assert len(getattr(Slot.model_validate(data), field)) == n
        else:
            with pytest.raises(pydantic.ValidationError):
                Slot.model_validate(data)


@pytest.mark.parametrize(("wrapped", "ok"), [(47, False), (48, True), (80, True), (81, False)])
def test_a_wrapped_key_is_48_or_80_bytes(wrapped: int, ok: bool) -> None:
    from practice_desk.vault.keyslots import Slot

    legacy = {
        "slot_id": "s1",
        "kind": "password",
        "username": "drsmith",
        "kdf": {"name": "hkdf-sha256", "salt": _b64(16)},
        "nonce": _b64(12),
        "wrapped": _b64(wrapped),
    }
    keyed = legacy | {
        "sign_public": _b64(32),
        "box_public": _b64(32),
        "envelope": {"ephemeral": _b64(32), "nonce": _b64(12), "sealed": _b64(48)},
    }
    data = legacy if wrapped <= 48 else keyed
    if ok:
        assert len(Slot.model_validate(data).wrapped) == wrapped
    else:
        with pytest.raises(pydantic.ValidationError):
            Slot.model_validate(data)


# --- the file as found on disk, and what each refusal says ------------------------------


def test_a_missing_unreadable_or_damaged_key_file_is_named_in_words(tmp_path: Path) -> None:
    missing = tmp_path / "clinic.pdvault.keys"
    with pytest.raises(VaultDamaged, match="is missing"):
        KeySlots.load(missing)
    folder = tmp_path / "a-folder.keys"
    folder.mkdir()
    with pytest.raises(VaultDamaged, match="cannot be read"):
        KeySlots.load(folder)
    damaged = tmp_path / "damaged.keys"
    damaged.write_text("{}")
    with pytest.raises(VaultDamaged, match="is damaged and cannot be read"):
        KeySlots.load(damaged)
    greedy = tmp_path / "greedy.keys"
    spec = {"name": "argon2id", "time_cost": keys.MAX_TIME_COST + 1}
    greedy.write_text(json.dumps({"version": VERSION, "slots": [{"kdf": spec}]}))
    with pytest.raises(VaultDamaged, match="far beyond what Practice Desk uses"):
        KeySlots.load(greedy)


def test_a_key_file_that_cannot_be_written_says_so(tmp_path: Path) -> None:
    from practice_desk.domain.errors import StorageError

    slots = KeySlots.new()
    with pytest.raises(StorageError, match="the key file could not be written"):
        slots.save(tmp_path / "no-such-folder" / "clinic.keys")


def test_one_password_slot_per_user_and_a_missing_recovery_key_said(tmp_path: Path) -> None:
    from practice_desk.domain.errors import WrongRecoveryKey

    slots = KeySlots.new()
    slots.set_password(slots.new_slot_id(), "drsmith", "correct horse battery", DATA_KEY)
    with pytest.raises(ValueError, match="already belongs to drsmith"):
        slots.set_password(slots.new_slot_id(), "drsmith", "another password 123", DATA_KEY)
    with pytest.raises(WrongRecoveryKey, match="no recovery key"):
        slots.open_with_recovery_key(keys.new_recovery_key())


def test_a_right_password_over_a_damaged_sealed_key_is_damage_not_a_wrong_password(
    tmp_path: Path,
) -> None:
    slots = KeySlots.new()
    slot = slots.set_password(slots.new_slot_id(), "drsmith", "correct horse battery", DATA_KEY)
    assert slots.open_with_password("drsmith", "correct horse battery").data_key == DATA_KEY
    assert slot.envelope is not None
    spoiled = slot.envelope.model_copy(update={"sealed": bytes(48)})
    slots.slots = [slot.model_copy(update={"envelope": spoiled})]
    with pytest.raises(VaultDamaged, match="the password is right"):
        slots.open_with_password("drsmith", "correct horse battery")


@pytest.mark.parametrize(
    ("keyed", "wrapped", "envelope", "words"),
    [
        (False, 80, False, "wraps the data key only"),  # a version 1 slot is 48 bytes
        (False, 48, True, "wraps the data key only"),  # and holds no sealed key
        (True, 48, True, "needs its sealed data key"),  # a keyed slot wraps 80
        (True, 80, False, "needs its sealed data key"),
    ],
)
def test_a_slot_is_one_form_or_the_other(
    keyed: bool, wrapped: int, envelope: bool, words: str
) -> None:
    from practice_desk.vault.keyslots import Slot

    data: dict[str, object] = {
        "slot_id": "s1",
        "kind": "password",
        "username": "drsmith",
        "kdf": {"name": "hkdf-sha256", "salt": _b64(16)},
        "nonce": _b64(12),
        "wrapped": _b64(wrapped),
    }
    if keyed:
        data |= {"sign_public": _b64(32), "box_public": _b64(32)}
    if envelope:
        data["envelope"] = {"ephemeral": _b64(32), "nonce": _b64(12), "sealed": _b64(48)}
    with pytest.raises(pydantic.ValidationError, match=words):
        Slot.model_validate(data)
