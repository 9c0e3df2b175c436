import math
import re

import pytest

from vigie.core import receipts


def test_references_are_random_and_readable() -> None:
    references = {receipts.new_reference() for _ in range(500)}
    assert len(references) == 500
    assert all(
        re.fullmatch(r"VG-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", r) for r in references
    )


def test_secrets_carry_at_least_128_bits() -> None:
    secret = receipts.new_secret()
    characters = secret.replace("-", "")
    assert len(characters) * math.log2(len(receipts.ALPHABET)) >= 128
    assert len({receipts.new_secret() for _ in range(200)}) == 200


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("VG-7K3M-9QXD", "VG-7K3M-9QXD"),
        ("vg 7k3m 9qxd", "VG-7K3M-9QXD"),
        ("7K3M9QXD", "VG-7K3M-9QXD"),
        ("VG-7K3M-9QXO", "VG-7K3M-9QX0"),
        ("VG-7K3M", ""),
        ("", ""),
        ("VG-7K3M-9QXD-EXTRA", ""),
        ("vc 7k3m 9qxd", "VC-7K3M-9QXD"),
        ("VC-7K3M", ""),
    ],
)
def test_references_are_read_tolerantly(typed: str, expected: str) -> None:
    assert receipts.normalise_reference(typed) == expected


def test_a_secret_verifies_despite_case_spaces_and_confusable_letters(settings) -> None:
    secret = "7K3M-9Q0D-1ABC-DEFG-HJKM-NPQR-ST01"
    stored = receipts.hash_secret(secret)
    assert secret not in stored
    assert receipts.verify_secret("7k3m 9qod iabc defg hjkm npqr stol", stored)
    assert not receipts.verify_secret("7K3M-9Q0D-1ABC-DEFG-HJKM-NPQR-ST02", stored)
    assert not receipts.verify_secret(secret, None)


def test_the_citizen_key_is_recomputed_from_the_receipt_alone() -> None:
    secret = receipts.new_secret()
    public = receipts.citizen_public_key(secret, reference="VG-7K3M-9QXD")
    assert public == receipts.citizen_public_key(secret.lower(), reference="VG-7K3M-9QXD")
    assert public != receipts.citizen_public_key(secret, reference="VG-7K3M-9QXE")
    assert public != receipts.citizen_public_key(receipts.new_secret(), reference="VG-7K3M-9QXD")
