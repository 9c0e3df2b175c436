from vigie.engine.analysis import analyse
from vigie.reports.coaching import coaching_for


def test_an_exploitable_report_is_never_told_it_would_become_exploitable() -> None:
    coaching = coaching_for(
        analyse(
            "Tous les soirs vers 18h devant le hall B du 12 rue de Dole à Besançon, "
            "deux jeunes vendent, un guetteur surveille."
        )
    )
    assert coaching.triage == "exploitable"
    assert "rendraient exploitable" not in coaching.level_label
    assert coaching.level in {"medium", "high"}


def test_a_vague_report_is_told_what_is_missing() -> None:
    coaching = coaching_for(analyse("Il y a du trafic dans mon quartier."))
    assert coaching.triage == "vague"
    assert coaching.level != "high"
    assert coaching.missing
