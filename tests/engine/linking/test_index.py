"""Blind-index tokens: what is stored finds what should be found, and holds nothing in clear."""

from __future__ import annotations

import hashlib
import hmac

from tests.engine.linking.helpers import BASE, feat, offset
from vigie.engine.linking import index
from vigie.engine.linking.rules import distance_m

KEY = b"k" * 32


def keyed(kind: str, value: str) -> str:
    return hmac.new(KEY, f"{kind}\x00{value}".encode(), hashlib.sha256).hexdigest()[:32]


def finds(stored, new) -> set[str]:  # type: ignore[no-untyped-def]
    """Kinds of tokens through which ``new`` finds ``stored``."""
    kept = set(index.index_tokens(stored, keyed))
    return {kind for kind, token in index.query_tokens(new, keyed) if (kind, token) in kept}


def test_exact_identifiers_find_each_other() -> None:
    a = feat("a", plates={"AB-123-CD"}, phones={"+33612345678"}, handles={("snapchat", "menu_25")})
    b = feat("b", plates={"AB-123-CD"}, phones={"+33612345678"}, handles={("snapchat", "menu_25")})
    assert {"plate", "phone", "handle", "handle_value"} <= finds(a, b)


def test_partial_finds_full_and_partial_through_masks() -> None:
    full = feat("a", plates={"AB-123-CD"})
    assert "plate_mask" in finds(full, feat("b", partial_plates={"AB-12?-C?"}))
    assert "plate_mask_partial" in finds(feat("b", partial_plates={"AB-12?-C?"}), full)
    other = feat("c", partial_plates={"?B-12?-CD"})
    assert "plate_mask_partial" in finds(feat("b", partial_plates={"AB-12?-C?"}), other)
    # Too few characters in common: nothing to find.
    assert not finds(full, feat("d", partial_plates={"AB-???-??"}))
    # Two full plates sharing 4 characters do not find each other through masks.
    assert "plate_mask" not in finds(full, feat("e", plates={"AB-123-XY"}))


def test_masks_of_a_full_plate() -> None:
    got = index.masks("AB-123-CD")
    assert len(got) == 35 and "AB-12?-??" in got and all(m.count("?") == 3 for m in got)


def test_misread_variant_finds_one_char_look_alike() -> None:
    assert "plate_variant" in finds(
        feat("a", plates={"AB-123-CD"}), feat("b", plates={"AB-128-CD"})
    )
    assert "plate_variant" not in finds(
        feat("a", plates={"AB-123-CD"}), feat("b", plates={"AB-124-CD"})
    )


def test_cells_ring_covers_the_place_radius() -> None:
    stored = feat("a", point=BASE, place_kind="hall")
    radius = index.query_radius_m("hall")
    for bearing in range(0, 360, 30):
        import math

        north = radius * 0.95 * math.cos(math.radians(bearing))
        east = radius * 0.95 * math.sin(math.radians(bearing))
        new = feat("b", point=offset(BASE, north, east), place_kind="hall")
        assert distance_m(BASE, new.point) < radius  # type: ignore[arg-type]
        assert "cell" in finds(stored, new), bearing
    far = feat("c", point=offset(BASE, 5000, 0), place_kind="hall")
    assert "cell" not in finds(stored, far)
    assert index.query_radius_m("quartier") > index.query_radius_m("hall")


def test_nothing_stored_is_in_clear() -> None:
    f = feat(
        "a",
        plates={"AB-123-CD"},
        partial_plates={"EF-45?-G?"},
        phones={"+33612345678"},
        handles={("snapchat", "menu_25")},
        point=BASE,
    )
    tokens = index.index_tokens(f, keyed) + index.query_tokens(f, keyed)
    blob = " ".join(t for _, t in tokens).lower()
    for secret in ("ab-123-cd", "ab123cd", "612345678", "menu_25", "ef-45", index.cell(BASE)):
        assert secret.lower() not in blob
    assert all(len(t) == 32 for _, t in tokens)
