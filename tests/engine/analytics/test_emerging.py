"""The early warning's statistics on hand-made and generated histories."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import pytest

from vigie.engine.analytics import calibration
from vigie.engine.analytics.emerging import (
    Alert,
    Area,
    History,
    Origin,
    detect,
    distance_km,
    explain,
    french_number,
)
from vigie.engine.analytics.scenarios import france, generate
from vigie.engine.analytics.tails import nb_cdf, nb_sf, poisson_sf

START = date(2022, 1, 3)


def weeks(n: int) -> list[date]:
    return [START + timedelta(weeks=i) for i in range(n)]


# --- tails -------------------------------------------------------------------------------


def test_poisson_tail_by_hand() -> None:
    # P(X >= 3 | 0.4) = 1 - e^-0.4 (1 + 0.4 + 0.08)
    assert poisson_sf(3, 0.4) == pytest.approx(1 - math.exp(-0.4) * 1.48, rel=1e-12)
    assert poisson_sf(3, 0.4) == pytest.approx(0.00793, abs=1e-5)
    assert poisson_sf(0, 0.4) == 1.0


def test_negative_binomial_tail_by_hand() -> None:
    # size 2, mean 0.4: p = 2/2.4, pmf(0) = p^2, pmf(1) = 2 p^2 q, pmf(2) = 3 p^2 q^2
    p, q = 2 / 2.4, 0.4 / 2.4
    head = p**2 * (1 + 2 * q + 3 * q**2)
    assert nb_sf(3, 0.4, 2.0) == pytest.approx(1 - head, rel=1e-10)
    assert nb_cdf(2, 0.4, 2.0) == pytest.approx(head, rel=1e-12)
    # a huge size is the Poisson
    assert nb_sf(5, 1.0, 1e13) == pytest.approx(poisson_sf(5, 1.0), rel=1e-12)


def test_small_tails_keep_their_digits() -> None:
    # P(X >= 30 | 1) = e^-1 * sum_{j>=30} 1/j!, dominated by the first term
    first = math.exp(-1) / math.factorial(30)
    assert poisson_sf(30, 1.0) == pytest.approx(first * (1 + 1 / 31 + 1 / (31 * 32)), rel=1e-4)
    assert 0 < nb_cdf(0, 1000.0, 5.0) < 1e-10


# --- a hand-made département ---------------------------------------------------------------

MARSEILLE = Area("13055", "Marseille", "13", 886_040, 43.29760, 5.36943)
PERTUIS = Area("84089", "Pertuis", "84", 19_548, 43.69140, 5.50156)
VILLAGES = {
    f"84{i:03d}": Area(f"84{i:03d}", f"Village {i}", "84", 800, 43.9 + i / 100, 5.0)
    for i in range(200, 230)
}
BUSY = Area("84007", "Avignon", "84", 90_000, 43.94932, 4.80596)


def areas() -> dict[str, Area]:
    out = {a.code: a for a in (MARSEILLE, PERTUIS, BUSY)}
    out.update(VILLAGES)
    return out


def quiet(n: int, every: int, offset: int = 0) -> list[int]:
    return [1 if (i + offset) % every == 0 else 0 for i in range(n)]


def marseille_pressure(n: int, op: int) -> tuple[list[int], list[int]]:
    counts = [50 + (i % 3) for i in range(n)]
    for i in range(op, n):
        counts[i] = 30
    dismantled = [1 if i % 10 == 0 else 0 for i in range(n)]
    for i in range(op, op + 3):
        dismantled[i] += 2
    return counts, dismantled


def pertuis_history(n: int = 80, start: int = 70, op: int = 66) -> History:
    counts: dict[str, list[int]] = {c: quiet(n, 15, int(c[-2:])) for c in VILLAGES}
    counts[BUSY.code] = [6 + (i % 5) for i in range(n)]
    counts[PERTUIS.code] = [1 if i % 20 == 3 else 0 for i in range(n)]
    for i in range(start, n):
        counts[PERTUIS.code][i] = 2
    counts[MARSEILLE.code], dis = marseille_pressure(n, op)
    dossiers = {PERTUIS.code: [1 if i in (start, start + 2, start + 3) else 0 for i in range(n)]}
    return History(weeks(n), counts, {MARSEILLE.code: dis}, dossiers)


def test_planted_emergence_flagged_with_its_origin() -> None:
    history = pertuis_history()
    alerts = detect(areas(), history, since=history.weeks[40])
    mine = [a for a in alerts if a.commune == PERTUIS.code]
    assert len(mine) == 1
    alert = mine[0]
    start = history.weeks[70]
    assert alert.first_seen == start
    assert timedelta(0) <= alert.detected_on - start <= timedelta(days=42)
    assert alert.origin is not None
    assert alert.origin.commune == MARSEILLE.code
    assert alert.origin.distance_km == pytest.approx(distance_km(PERTUIS, MARSEILLE))
    assert 43 < alert.origin.distance_km < 46
    assert alert.origin.change == pytest.approx(-0.4, abs=0.05)
    assert alert.origin.dismantled == 6 + 1  # the operation's six and one routine
    assert [a.commune for a in alerts] == [PERTUIS.code]


def test_one_alert_per_episode_and_a_new_one_after_a_return_to_normal() -> None:
    n = 130
    history = pertuis_history(n=n)
    counts = dict(history.counts)
    series = list(counts[PERTUIS.code])
    for i in range(80, 110):  # back to normal for 30 weeks, then a second emergence
        series[i] = 0
    for i in range(110, n):
        series[i] = 3
    counts[PERTUIS.code] = series
    replay = History(history.weeks, counts, history.dismantled, history.dossiers)
    alerts = [a for a in detect(areas(), replay, since=replay.weeks[40]) if a.commune == "84089"]
    assert sorted(a.first_seen for a in alerts) == [replay.weeks[70], replay.weeks[110]]


def test_latest_week_does_not_repeat_an_open_episode() -> None:
    history = pertuis_history()
    alerts = detect(areas(), history, since=history.weeks[-1])
    assert alerts == []  # Pertuis alerted weeks ago and is still in its episode


def test_high_steady_level_is_not_flagged() -> None:
    # Avignon's 6-10 reports a week, many times its population's share, is its normal.
    history = pertuis_history()
    assert all(a.commune != BUSY.code for a in detect(areas(), history, since=history.weeks[30]))


def test_zero_history_and_a_sudden_cluster() -> None:
    n = 60
    counts: dict[str, list[int]] = {c: quiet(n, 15, int(c[-2:])) for c in VILLAGES}
    counts["84205"] = [0] * n
    counts["84205"][56:60] = [2, 3, 2, 3]
    history = History(weeks(n), counts, {}, {})
    alerts = detect(areas(), history, since=history.weeks[40])
    assert [(a.commune, a.first_seen) for a in alerts] == [("84205", history.weeks[56])]
    assert alerts[0].origin is None  # no larger commune with pressure around


def test_one_burst_is_not_an_emergence() -> None:
    n = 60
    counts: dict[str, list[int]] = {c: quiet(n, 15, int(c[-2:])) for c in VILLAGES}
    counts["84205"] = [0] * n
    counts["84205"][57] = 3  # one neighbour, three reports in a week
    history = History(weeks(n), counts, {}, {})
    assert detect(areas(), history, since=history.weeks[40]) == []


@pytest.mark.parametrize("seed", [101, 102, 103, 104])
def test_null_data_stays_under_one_alert_per_departement_year(seed: int) -> None:
    scenario = generate(seed, departements=("13", "84"), years=3)
    weeks_ = scenario.history.weeks
    alerts = detect(scenario.areas, scenario.history, since=weeks_[52])
    departement_years = 2 * (len(weeks_) - 52) / 52.18
    assert len(alerts) <= departement_years


def test_generated_emergence_is_flagged() -> None:
    scenario = generate(7, departements=("13", "84"), years=2, plant=[("84089", "13055", 80)])
    (planted,) = scenario.planted
    alerts = detect(scenario.areas, scenario.history, since=scenario.history.weeks[60])
    mine = [a for a in alerts if a.commune == "84089"]
    assert mine
    assert timedelta(0) <= mine[0].detected_on - planted.start <= timedelta(days=42)


# --- text and JSON -----------------------------------------------------------------------


def test_explanation_text() -> None:
    origin = Origin("13055", "Marseille", 60.2, -0.4, 5)
    text = explain("Pertuis", 9, 6, 0.4, 3, origin)
    assert text == (
        "Pertuis\u00a0: 9 signalements en 6 semaines pour 0,4 attendu\u202f; "
        "3 nouveaux dossiers\u202f; Marseille \u221240\u202f% sur la même période "
        "après 5 points démantelés, 60\u00a0km"
    )
    assert explain("Lure", 1, 1, 12.0, 0, None) == (
        "Lure\u00a0: 1 signalement en 1 semaine pour 12 attendus\u202f; aucun nouveau dossier"
    )
    assert french_number(12345.67, 1) == "12\u202f345,7"


def test_alert_json_keys() -> None:
    history = pertuis_history()
    (alert,) = detect(areas(), history, since=history.weeks[40])
    data = alert.as_json()
    assert isinstance(alert, Alert)
    assert {
        "commune",
        "departement",
        "first_seen",
        "score",
        "explanation",
        "origin",
        "observed",
        "expected",
        "weeks",
        "p_value",
        "origin_name",
        "distance_km",
    } <= set(data)
    assert data["commune"] == "84089"
    assert data["departement"] == "84"
    assert data["origin"] == "13055"
    assert data["first_seen"] == history.weeks[70].isoformat()


def test_real_communes_are_read() -> None:
    communes = france()
    assert communes["84089"].name == "Pertuis"
    assert communes["13055"].population > 800_000
    assert len(communes) > 34_000


# --- calibration (second round) ----------------------------------------------------------


def test_upcrossing_matches_brute_force() -> None:
    pmf = [0.6, 0.3, 0.1]
    k = (2, 3, 3)
    brute = 0.0
    for ys in itertools.product(range(3), repeat=4):  # weeks t, t-1, t-2, t-3
        prob = math.prod(pmf[y] for y in ys)

        def crosses(end: int, ys: tuple[int, ...] = ys) -> bool:
            return any(sum(ys[end : end + w]) >= k[w - 1] for w in range(1, 4))

        if crosses(0) and not crosses(1):
            brute += prob
    assert calibration.upcrossing(pmf, k) == pytest.approx(brute, rel=1e-12)


def test_threshold_is_deterministic_and_grows_with_the_budget() -> None:
    def q(budget: float) -> float:
        return calibration.threshold(0.3, 20.0, 0.25, drift=0.1, windows=8, budget=budget)

    first = q(1e-4)
    calibration._threshold.cache_clear()
    assert q(1e-4) == first
    assert q(1e-5) < first < q(1e-3) <= 1e-2


def test_calibrated_null_stays_within_budget_over_seeds() -> None:
    false = 0
    departement_years = 0.0
    for seed in (201, 202, 203, 204, 205, 206):
        scenario = generate(seed, departements=("13", "84"), years=3)
        weeks_ = scenario.history.weeks
        false += len(detect(scenario.areas, scenario.history, since=weeks_[52]))
        departement_years += 2 * (len(weeks_) - 52) / 52.18
    assert false / departement_years <= 1.0


def jump_history(n: int = 130, start: int = 110) -> History:
    counts: dict[str, list[int]] = {c: quiet(n, 15, int(c[-2:])) for c in VILLAGES}
    counts[BUSY.code] = [6 + (i % 5) for i in range(n)]
    # 0.3 a week (3 reports every 10 weeks), then 1.5 a week (1, 2, 1, 2 …).
    counts[PERTUIS.code] = [1 if i % 10 in (1, 4, 7) else 0 for i in range(n)]
    for i in range(start, n):
        counts[PERTUIS.code][i] = 1 + (i - start) % 2
    return History(weeks(n), counts, {}, {})


def test_jump_from_low_level_flagged_within_six_weeks() -> None:
    history = jump_history()
    alerts = [a for a in detect(areas(), history, since=history.weeks[60])]
    assert [a.commune for a in alerts] == [PERTUIS.code]
    assert timedelta(0) <= alerts[0].detected_on - history.weeks[110] <= timedelta(days=42)


def test_first_seen_does_not_depend_on_since() -> None:
    # A level that keeps growing: the episode outlives the first round's 26-week warm-up, which
    # then made it alert again with a new first_seen.
    base = pertuis_history(n=150, start=70)
    counts = dict(base.counts)
    counts[PERTUIS.code] = [
        c if i < 70 else 2 + (i - 70) // 2 for i, c in enumerate(counts[PERTUIS.code])
    ]
    history = History(base.weeks, counts, base.dismantled, base.dossiers)
    early = detect(areas(), history, since=history.weeks[40])
    (episode,) = [a for a in early if a.commune == PERTUIS.code]
    for since in (72, 100, 120, 149):
        late = detect(areas(), history, since=history.weeks[since])
        expected = [a for a in early if a.detected_on >= history.weeks[since]]
        assert late == expected
        assert all(a.first_seen != episode.first_seen or a == episode for a in late)
