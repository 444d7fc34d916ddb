from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from practice_desk.domain.errors import WrongRecoveryKey
from practice_desk.vault import keys


@given(st.binary(min_size=16, max_size=16))
def test_recovery_key_round_trips(raw: bytes) -> None:
    text = keys.format_recovery_key(raw)
    assert len(text.split("-")) == 8
    assert keys.parse_recovery_key(text) == raw
    # Spaces or line breaks instead of dashes, as people copy it from paper.
    assert keys.parse_recovery_key(text.replace("-", " ")) == raw


def test_new_recovery_key_carries_128_bits() -> None:
    seen = {keys.parse_recovery_key(keys.new_recovery_key()) for _ in range(50)}
    assert len(seen) == 50
    assert all(len(raw) == 16 for raw in seen)


@given(
    st.binary(min_size=16, max_size=16),
    st.integers(0, 47),
    st.integers(1, 9),
)
def test_one_mistyped_digit_is_caught_and_its_group_named(
    raw: bytes, position: int, delta: int
) -> None:
    text = keys.format_recovery_key(raw)
    digits = list(text.replace("-", ""))
    digits[position] = str((int(digits[position]) + delta) % 10)
    typo = "-".join("".join(digits[i : i + 6]) for i in range(0, 48, 6))
    with pytest.raises(WrongRecoveryKey, match=f"Group {position // 6 + 1} "):
        keys.parse_recovery_key(typo)


@given(st.binary(min_size=16, max_size=16), st.integers(0, 47))
def test_swapped_neighbours_are_caught(raw: bytes, position: int) -> None:
    digits = list(keys.format_recovery_key(raw).replace("-", ""))
    if position % 6 == 5 or digits[position] == digits[position + 1]:
        return  # not a swap inside one group, or swapping equal digits changes nothing
    digits[position], digits[position + 1] = digits[position + 1], digits[position]
    with pytest.raises(WrongRecoveryKey, match="Group"):
        keys.parse_recovery_key("".join(digits))


def test_short_recovery_key_is_explained() -> None:
    with pytest.raises(WrongRecoveryKey, match="8 groups of 6 digits"):
        keys.parse_recovery_key("123456-234567")


def test_wrapped_key_is_bound_to_vault_and_slot() -> None:
    wrapping, data_key = b"k" * 32, keys.new_data_key()
    nonce, wrapped = keys.wrap(wrapping, data_key, keys.associated_data("vault-a", "slot-1"))
    assert (
        keys.unwrap(wrapping, nonce, wrapped, keys.associated_data("vault-a", "slot-1")) == data_key
    )
    assert keys.unwrap(wrapping, nonce, wrapped, keys.associated_data("vault-b", "slot-1")) is None
    assert keys.unwrap(wrapping, nonce, wrapped, keys.associated_data("vault-a", "slot-2")) is None
    assert keys.unwrap(b"x" * 32, nonce, wrapped, keys.associated_data("vault-a", "slot-1")) is None


def test_passwords_are_normalised_before_derivation() -> None:
    params = keys.Argon2Params.fresh(time_cost=1, memory_kib=8192, parallelism=1)
    composed, decomposed = "caf\u00e9 au lait", "cafe\u0301 au lait"
    assert keys.derive_password_key(composed, params) == keys.derive_password_key(
        decomposed, params
    )
