"""The run classifier: titles and descriptions as real plans write them, table-driven."""

from __future__ import annotations

import pytest

from solver.domain import Paces
from solver.importers.classify import (
    Classifier,
    MappingError,
    parse_mapping,
)

# title, description, kind, type, minutes (None: not a run, or not sized), race distance
TABLE = [
    ("Half Marathon race", "", "run", "race", 111, "half"),
    ("5K goal race", "", "run", "race", 26, "5k"),
    ("5K tune-up race 8 mi", "", "run", "race", 68, "5k"),
    ("10K race", "", "run", "race", 52, "10k"),
    ("Marathon", "", "run", "race", 222, "marathon"),
    ("8 x 400", "", "run", "intervals", 49, None),
    ("6 × 800 m", "", "run", "intervals", 63, None),
    ("5 x 1,000 m", "", "run", "intervals", 65, None),
    ("Tempo 40 min", "", "run", "tempo", 40, None),
    ("Long run 18 mi", "", "run", "long", 181, None),
    ("Long run 1:45", "", "run", "long", 105, None),
    ("Long run 2 h", "", "run", "long", 120, None),
    ("Rest or cross-training", "", "rest", None, None, None),
    ("Rest", "", "rest", None, None, None),
    ("Day off", "", "rest", None, None, None),
    ("Easy 5 mi", "", "run", "easy", 48, None),
    ("Easy 8 km", "", "run", "easy", 48, None),
    ("3 mi pace", "", "run", "tempo", 25, None),
    ("Marathon pace 8 mi", "", "run", "tempo", 68, None),
    ("Race pace 5 mi", "", "run", "tempo", 42, None),
    ("Cross-train 30 min", "", "run", "cross_train", 30, None),
    ("Cross", "", "run", "cross_train", 30, None),
    ("Bike 60 minutes", "", "run", "cross_train", 60, None),
    ("Hills 6 x 2 min", "", "run", "hills", 44, None),
    ("4-5 mi", "", "run", "easy", 43, None),
    ("5 mi", "", "run", "easy", 48, None),
    ("Recovery 3 mi", "", "run", "recovery", 29, None),
    ("General aerobic + speed 6 mi", "", "run", "easy", 58, None),
    ("VO₂max 8 mi", "", "run", "intervals", 68, None),
    ("V·O2 max 7 mi", "", "run", "intervals", 59, None),
    ("Lactate threshold 7 mi", "", "run", "tempo", 59, None),
    ("Endurance 10 mi", "", "run", "long", 101, None),
    ("Speed 5 mi", "", "run", "intervals", 42, None),
    ("Easy run 30-40 min", "", "run", "easy", 35, None),
    ("Workout", "Tempo 25 min in the middle", "run", "tempo", 25, None),
    ("Strength", "", "skip", None, None, None),
    ("Yoga", "", "skip", None, None, None),
    ("Fartlek", "", "unclassified", None, None, None),
    ("Run", "", "unclassified", "easy", None, None),
    ("Race day", "", "unclassified", None, None, None),
    ("Party", "", "unclassified", None, None, None),
    # Real published plans (calendar-hack, MIT: Furman, Higdon, FRR, Mee, Boston, c25k), titles
    # with their units rendered.
    ("Long Run 20 mi at MP + 60 sec per", "", "run", "long", 201, None),
    ("Track Repeats 4 × 800 m (2 min recovery)", "", "run", "intervals", 49, None),
    ("3 x 8 min LT intervals", "", "run", "intervals", 68, None),
    ("Run 2 minutes, walk 2 minutes. Repeat 6 times", "", "run", "easy", 24, None),
    ("Run 30 seconds, walk 30 seconds. Repeat 15 times", "", "run", "easy", 15, None),
    ("Run 1km, walk 4km", "", "run", "easy", 46, None),
    ("Walk 5km", "", "run", "cross_train", 50, None),
    ("Off Day", "", "rest", None, None, None),
    ("Rest or easy run", "", "rest", None, None, None),
    ("5K Test", "", "run", "race", 26, "5k"),
    ("Plan Ends", "", "skip", None, None, None),
    ("Recovery 3 mi 4 × 100 m strides", "", "run", "recovery", 29, None),
    ("6 mi easy pace", "", "run", "easy", 58, None),
    ("4 mi fast", "", "run", "tempo", 34, None),
    ("10-11 mi at 70–75% 5k", "", "run", "easy", 101, None),
    ("4-5 mi at 85% 5k", "", "run", "tempo", 38, None),
]


@pytest.mark.parametrize(("title", "description", "kind", "run_type", "minutes", "race"), TABLE)
def test_classifier_reads_real_titles(title, description, kind, run_type, minutes, race):
    """Each title becomes the kind, run type, minutes and race distance a runner would read."""
    found = Classifier().classify(title, description)
    assert (found.kind, found.type, found.minutes, found.race_distance) == (
        kind,
        run_type,
        minutes,
        race,
    ), found.reason


def test_every_classification_says_why():
    """No classification comes without a reason, unclassified ones included."""
    for title, description, *_ in TABLE:
        assert Classifier().classify(title, description).reason


def test_unclassified_is_never_given_a_type_and_minutes():
    """A workout the classifier cannot size is unclassified, never a guessed run."""
    found = Classifier().classify("Fartlek")
    assert not found.is_run and found.minutes is None and found.confidence == "none"


def test_the_athletes_paces_set_the_minutes_of_a_distance():
    """A faster easy pace makes the same distance fewer minutes."""
    slow = Classifier().classify("Easy 10 km")
    fast = Classifier(Paces(easy=5.0)).classify("Easy 10 km")
    assert (slow.minutes, fast.minutes) == (60, 50)


def test_interval_pace_sizes_repetitions():
    """Repetitions use the interval pace, twice (work and an equal jog), plus 20 minutes."""
    found = Classifier(Paces(interval=4.0)).classify("10 x 1 km")
    assert found.minutes == 10 * 4 * 2 + 20


def test_the_events_length_sizes_a_run_without_a_duration_in_its_title():
    """A timed calendar event's length is the run's minutes when the title gives none."""
    found = Classifier().classify("Long run", event_minutes=95)
    assert (found.type, found.minutes, found.confidence) == ("long", 95, "stated")


def test_a_distance_beside_the_title_sizes_the_run():
    """calendar-hack's distance field (low, high km) counts as its middle."""
    found = Classifier().classify("Endurance", distance_km=(10.0, 12.0))
    assert (found.type, found.minutes) == ("long", 69)


def test_the_mapping_overrides_the_rules():
    """A mapped pattern wins over the keyword rules, ignoring case."""
    mapping = parse_mapping(["fartlek=intervals", "Easy=skip"])
    classifier = Classifier(mapping=mapping)
    assert classifier.classify("Fartlek 30 min").type == "intervals"
    assert classifier.classify("Fartlek 30 min").minutes == 30
    assert classifier.classify("Easy 5 mi").kind == "skip"


def test_a_mapping_may_name_rest():
    """A pattern mapped to rest makes a rest day, not a run."""
    found = Classifier(mapping=parse_mapping({"Walk": "rest"})).classify("Walk 30 min")
    assert found.kind == "rest"


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        (["Fartlek"], "expected PATTERN=TYPE"),
        (["Fartlek=sprint"], "unknown type"),
        (["=easy"], "the pattern is empty"),
    ],
)
def test_a_bad_mapping_says_what_is_wrong(pairs, message):
    """A mapping without a pattern, or to an unknown type, is refused with the reason."""
    with pytest.raises(MappingError, match=message):
        parse_mapping(pairs)


def test_long_runs_are_capped_at_the_longest_run_a_day_holds():
    """An ultra at tempo pace past 600 minutes is capped, and the reason says so."""
    found = Classifier().classify("100 mi race")
    assert found.minutes == 600 and "capped" in found.reason


def test_race_distances_in_miles_and_metres_become_km():
    """'10 mi race' is about 16.09 km; standard distances keep their names."""
    found = Classifier().classify("10 mi race")
    assert found.race_distance == pytest.approx(16.09)


def test_minutes_beside_a_distance_are_a_segment():
    """'2 min recovery' on a day of 4.3 mi is a segment: the distance sizes the run."""
    found = Classifier().classify(
        "Track Repeats 4 × 800 m (2 min recovery)", distance_km=(6.92, 6.92)
    )
    assert (found.type, found.minutes) == ("intervals", 36) and "segment" in found.reason


def test_minutes_close_to_the_distances_are_the_runs_length():
    """'60 min run' of 6 mi states the run's length, not a segment."""
    found = Classifier().classify("60 min run", distance_km=(9.66, 9.66))
    assert found.minutes == 60


def test_a_long_run_at_marathon_pace_stays_long_and_says_so():
    """MP segments inside a long run keep it long; the reason names the segment."""
    found = Classifier().classify("Long Run 13 mi at MP")
    assert found.type == "long" and "marathon-pace" in found.reason


def test_fast_is_tempo_with_low_confidence():
    """'fast' alone is read as tempo, estimated, and the reason says so."""
    found = Classifier().classify("4 mi fast")
    assert found.confidence == "estimated" and "low confidence" in found.reason


def test_rest_or_easy_run_is_rest_with_low_confidence():
    """The optional easy run is not counted; the report says the rest was a choice."""
    found = Classifier().classify("Rest or easy run")
    assert (found.kind, found.confidence) == ("rest", "estimated")


def test_a_race_without_a_distance_takes_the_plans():
    """'RACE DAY' in a marathon plan is the marathon; without the plan's race it is unsized."""
    assert Classifier().classify("RACE DAY").kind == "unclassified"
    found = Classifier(race_distance="marathon").classify("RACE DAY")
    assert (found.type, found.race_distance) == ("race", "marathon")


def test_a_mapped_race_without_a_distance_takes_the_plans():
    """`--map "RACE DAY=race"` wins, and the race takes the plan's distance."""
    found = Classifier(mapping=parse_mapping(["RACE DAY=race"]), race_distance="marathon").classify(
        "RACE DAY"
    )
    assert (found.type, found.race_distance, found.reason[:6]) == ("race", "marathon", "mapped")


def test_a_marathon_of_42_miles_is_a_marathon_in_km_with_a_warning():
    """42.195 in a 'mi' file is the marathon's km: read as the marathon, and warned."""
    found = Classifier().classify("Marathon", distance_km=(42.195 * 1.609344,) * 2)
    assert (found.race_distance, found.minutes) == ("marathon", 222)
    assert "warning" in found.reason


def test_a_title_opening_with_the_days_distance_beats_a_far_smaller_distance_field():
    """'14 miles, consisting of: ...' with a distance of 1 mi is 14 miles, and warned."""
    found = Classifier().classify(
        "14 miles, consisting of: 2 mile Warm Up 10 miles at MP", distance_km=(1.61, 1.61)
    )
    assert found.minutes == round(14 * 1.609344 * 5.25) and "warning" in found.reason
    agreeing = Classifier().classify("4 mi easy", distance_km=(6.4, 6.4))
    assert "warning" not in agreeing.reason
