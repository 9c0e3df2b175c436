"""A place alone never links two reports: hours, days, people or vehicles must carry the rest,
a report about a noise or a theft in the same building never joins a trade, and a look-alike
car (same make and colour, another plate) is a contradiction, not a corroboration."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from tests.engine.linking.helpers import BASE, car, feat, offset
from vigie.engine.analysis.analyse import analyse
from vigie.engine.linking import features_from
from vigie.engine.linking.cluster import cluster
from vigie.engine.linking.normalise import hours_in
from vigie.engine.linking.rules import LINK_THRESHOLD, compare

EVENING = {18, 19, 20, 21}
WHEN = datetime(2026, 3, 1, 20, 0, tzinfo=UTC)


def test_place_alone_stays_below_the_threshold_and_says_why() -> None:
    a = feat("a", point=BASE, place_kind="hall", category="point_de_deal")
    b = feat("b", point=offset(BASE, 5, 0), place_kind="hall", category="point_de_deal")
    link = compare(a, b)
    assert link is not None and link.weight < LINK_THRESHOLD
    assert "place_only" in link.rules
    assert (
        "le lieu seul ne suffit pas : trop peu d'horaires, de personnes ou de véhicule en commun"
    ) in link.evidence


def test_place_with_the_same_hours_links() -> None:
    a = feat("a", point=BASE, place_kind="hall", hours=EVENING)
    b = feat("b", point=offset(BASE, 5, 0), place_kind="hall", hours=EVENING)
    link = compare(a, b)
    assert link is not None and link.weight >= LINK_THRESHOLD
    assert "place_only" not in link.rules


def test_a_report_about_something_else_never_joins_by_place() -> None:
    trade = feat("a", point=BASE, place_kind="hall", hours=EVENING, category="point_de_deal")
    noise = feat("b", point=offset(BASE, 3, 0), place_kind="logement", hours=EVENING,
                 category="autre_crime", off_topic=True)  # fmt: skip
    link = compare(trade, noise)
    assert link is not None and link.weight < LINK_THRESHOLD
    assert "faits d'une autre nature (nuisance, vol…)" in link.evidence
    other_noise = replace(noise, key="c", point=offset(BASE, 5, 0))
    both = compare(noise, other_noise)
    assert both is not None and both.weight < LINK_THRESHOLD  # two noises are no trade either
    # An identifier still links it: the phone of the trade named in a noise complaint.
    named = compare(
        feat("a", point=BASE, phones={"+33612345678"}),
        feat("b", point=offset(BASE, 3, 0), off_topic=True, phones={"+33612345678"}),
    )
    assert named is not None and named.weight >= LINK_THRESHOLD


def test_a_trade_and_another_crime_need_more_than_a_place_and_hours() -> None:
    a = feat("a", point=BASE, place_kind="rue", hours={10}, category="point_de_deal")
    b = feat("b", point=offset(BASE, 80, 0), place_kind="rue", hours={10}, category="autre_crime")
    c = replace(b, category="point_de_deal")
    ab, ac = compare(a, b), compare(a, c)
    assert ab is not None and ab.weight < LINK_THRESHOLD
    assert "catégories différentes (point_de_deal / autre_crime)" in ab.evidence
    assert ac is not None and "other_category" not in ac.rules and ac.weight > ab.weight


def test_a_lookalike_car_contradicts_and_vetoes_a_weak_join() -> None:
    golf = car("volkswagen", "noir", "golf", plate="GB-208-ZN")
    target = feat("t1", point=BASE, place_kind="rue", hours={14, 15}, vehicles=(golf,))
    plain = feat("t2", point=offset(BASE, 10, 0), place_kind="rue", hours={14, 15},
                 vehicles=(car("volkswagen", "noir", "golf"),))  # fmt: skip
    decoy = feat("d", point=offset(BASE, 30, 0), place_kind="rue",
                 vehicles=(car("volkswagen", "noir", "golf", plate="GB-281-NZ"),))  # fmt: skip
    clash = compare(target, decoy)
    assert clash is not None and "lookalike_vehicle" in clash.rules
    (text,) = [e for e in clash.evidence if "autre plaque" in e]
    assert "Volkswagen Golf noir" in text and "GB-208-ZN" in text and "GB-281-NZ" in text
    weak = compare(plain, decoy)
    assert weak is not None and weak.weight >= LINK_THRESHOLD  # make, model, colour, place
    links = [x for x in (compare(target, plain), weak, clash) if x is not None]
    assert cluster(["t1", "t2", "d"], links) == [frozenset({"d"}), frozenset({"t1", "t2"})]


def test_a_misread_plate_is_no_lookalike() -> None:
    a = feat("a", point=BASE, vehicles=(car("renault", "blanc", "trafic", plate="DS-719-PM"),),
             plates={"DS-719-PM"})  # fmt: skip
    b = feat("b", point=offset(BASE, 10, 0),
             vehicles=(car("renault", "blanc", "trafic", plate="DS-719-RM"),),
             plates={"DS-719-RM"})  # fmt: skip
    link = compare(a, b)
    assert link is not None and "lookalike_vehicle" not in link.rules


def test_noon_and_midnight_are_clock_times() -> None:
    assert hours_in("ca commence vers 18h et ca dure jusqu'a minuit passe") == {18, 21, 22, 23}
    assert hours_in("de midi a 19h") == set(range(12, 19))
    assert hours_in("de 22h a minuit") == {22, 23}


def test_a_school_exit_is_an_hour() -> None:
    assert hours_in("scooter blanc devant le college a la sortie des cours") == {15, 16, 17}
    assert hours_in("deal en plein jour") == set(range(9, 18))


def _features(key: str, text: str, lat_lon: tuple[float, float], **report: object):  # type: ignore[no-untyped-def]
    body = {"description": text, "location": {"lat": lat_lon[0], "lon": lat_lon[1]}, **report}
    return features_from(key=key, received_at=WHEN, analysis=analyse(text, body).to_dict(),
                         report=body, departement="59", commune="59512")  # fmt: skip


def test_from_free_text_a_noisy_neighbour_and_a_theft_stay_out_of_the_point() -> None:
    hall = (50.69931, 3.16522)
    trade = _features(
        "a",
        "Deal tous les soirs devant le hall du 14 rue de l'Alma, de 18h à minuit, un grand barbu "
        "en doudoune noire.",
        hall,
        category="point_de_deal",
    )
    same = _features(
        "b",
        "Au 14 rue de l'Alma le barbu à la doudoune noire vend encore ce soir vers 21h.",
        (50.69936, 3.16515),
        category="point_de_deal",
    )
    noise = _features("c", "Voisin du 3e étage au 14 rue de l'Alma : musique à fond toutes les "
                      "nuits jusqu'à 3h, on n'arrive plus à dormir.", (50.69932, 3.16521),
                      category="autre_crime")  # fmt: skip
    theft = _features("d", "On m'a volé mon scooter cette nuit dans le garage de la résidence du "
                      "14 rue de l'Alma.", (50.69940, 3.16528), category="autre_crime")  # fmt: skip
    assert noise.off_topic and theft.off_topic and not trade.off_topic
    links = [x for p, q in [(trade, same), (trade, noise), (trade, theft), (same, noise),
                            (same, theft), (noise, theft)] if (x := compare(p, q))]  # fmt: skip
    dossiers = cluster(["a", "b", "c", "d"], links)
    assert frozenset({"a", "b"}) in dossiers
    assert frozenset({"c"}) in dossiers and frozenset({"d"}) in dossiers
