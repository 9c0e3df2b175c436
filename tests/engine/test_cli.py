"""``vigie analyse``: JSON Lines in, one line out per input, in order, errors in-band."""

from __future__ import annotations

import io
import json

from vigie.engine.analysis.cli import main


def _run(lines: list[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    out = io.StringIO()
    code = main(list(args), stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    return code, [json.loads(line) for line in out.getvalue().splitlines()]


def test_one_line_out_per_input_in_order() -> None:
    lines = [
        json.dumps({"id": f"r{i}", "text": text})
        for i, text in enumerate(
            [
                "Coup de feu à l'instant devant l'entrée C, une personne au sol",
                "mon voisin met la musique trop fort la nuit",
                "deal au 3 rue Victor Hugo à Poitiers tous les soirs de 18h à 21h",
            ]
        )
    ]
    code, out = _run(lines)
    assert code == 0
    assert [o["id"] for o in out] == ["r0", "r1", "r2"]
    assert [o["triage"] for o in out] == ["urgence", "tranquillite", "exploitable"]
    for o in out:
        assert {"id", "triage", "category", "score", "missing", "entities"} <= set(o)
        assert isinstance(o["score"], int)
        assert 0 <= o["score"] <= 100


def test_malformed_lines_give_an_error_object_and_the_rest_goes_on() -> None:
    lines = [
        "{not json",
        "[1, 2]",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": 7, "text": 12}),
        json.dumps({"id": "bad-report", "text": "x", "report": "oops"}),
        json.dumps({"id": "ok", "text": "ça deal partout"}),
    ]
    code, out = _run(lines)
    assert code == 0
    assert len(out) == len(lines)
    assert out[0]["id"] is None and "error" in out[0]
    assert out[1]["id"] is None and "error" in out[1]
    assert out[2]["id"] == "no-text" and "error" in out[2]
    assert out[3]["id"] == 7 and "error" in out[3]
    assert out[4]["id"] == "bad-report" and "error" in out[4]
    assert out[5] == {**out[5], "id": "ok", "triage": "vague"}
    assert "error" not in out[5]


def test_blank_lines_are_skipped() -> None:
    _, out = _run(["", json.dumps({"id": "a", "text": "bonjour"}), "   "])
    assert [o["id"] for o in out] == ["a"]


def test_structured_report_takes_precedence_over_the_text() -> None:
    report = {
        "category": "livraison",
        "location": {"address": "12 rue de Dole, Besançon", "lat": 47.24, "lon": 6.02},
        "schedule": "tous les soirs entre 18h et 20h",
        "vehicles": [
            {"kind": "voiture", "make": "Renault Clio", "colour": "gris", "plate": "ab12?cd"}
        ],
        "identifiers": [
            {"kind": "snapchat", "value": "@Menu_25"},
            {"kind": "phone", "value": "06 12 34 56 78"},
        ],
    }
    text = "Un vendeur en scooter, je crois qu'il vend du shit, snap kbz_shop42"
    _, out = _run([json.dumps({"id": "s", "text": text, "report": report})])
    result = out[0]
    assert result["category"] == "livraison"
    assert result["triage"] == "exploitable"
    entities = result["entities"]
    assert isinstance(entities, dict)
    assert entities["partial_plates"] == ["AB-12?-CD"]
    assert entities["phones"] == ["+33612345678"]
    assert entities["handles"] == [
        {"network": "snapchat", "value": "menu_25"},
        {"network": "snapchat", "value": "kbz_shop42"},
    ]
    assert "lieu_precis" not in result["missing"]
    assert "horaires" not in result["missing"]


def test_minimal_output_has_only_the_interface_keys() -> None:
    _, out = _run([json.dumps({"id": 1, "text": "snap kbz_shop42 vend de la beuh"})], "--minimal")
    assert set(out[0]) == {"id", "triage", "category", "score", "missing", "entities"}
    assert set(out[0]["entities"]) == {"plates", "partial_plates", "phones", "handles"}  # type: ignore[arg-type]


def test_unknown_option_is_a_usage_error() -> None:
    out = io.StringIO()
    assert main(["--frobnicate"], stdin=io.StringIO(""), stdout=out) == 2
    assert out.getvalue() == ""
