"""Read a workout's title and description as a run: its type, its minutes, a race's distance.

The rules, in the order they are tried (docs/plans.md, "The run classifier"):

1. the runner's mapping (`--map "Fartlek=intervals"`): a title containing the pattern takes the
   mapped type, or `rest`, or `skip`;
2. rest days ("Rest", "Off Day", "Rest or cross-training": the cross-training is optional; "Rest
   or easy run": rest, estimated); "Plan Ends" skipped;
3. walks (cross-training) and run/walks ("Run 2 minutes, walk 2 minutes. Repeat 6 times": easy);
4. what is not a run (strength, yoga, mobility, stretching): skipped;
5. races ("Half Marathon race", "5K goal race", "5K Test", "Marathon", "RACE DAY"), a distance
   read from the title, else the plan's;
6. cross-training, long, hills, intervals, tempo, recovery, easy: by keywords of the title, then
   of the description when the title says nothing (long first: a long run with MP segments stays
   long; strides never make intervals);
7. a bare distance ("5 mi") is an easy run, said so in the report (the importer makes the
   week's longest run, if long enough, its long run: LONG_RUN_MINUTES and its siblings).

Anything else is unclassified: reported, never guessed. Minutes come from a duration in the text
("Tempo 40 min") unless it is a segment (beside a distance or recoveries: "4 x 800 m (2 min
recovery)"), else the calendar event's own length, else a distance at the athlete's paces
("Long run 18 mi"), else repetitions ("8 x 400": each rep at interval pace, an equal jog, 20 min
of warm-up and cool-down), else, for cross-training only, a documented 30 minutes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from solver.domain import RACE_KM, Paces, RaceDistance, RunType

KM_PER_MILE = 1.609344
MAX_RUN_MINUTES = 600
DEFAULT_CROSS_TRAIN_MINUTES = 30
WARM_UP_AND_COOL_DOWN_MINUTES = 20
DISTANCE_UNITS = ("mi", "km")

MAPPED_REASON = "mapped:"
BARE_DISTANCE_REASON = "a distance alone: taken as an easy run"
# A bare distance that is its week's longest run, and at least this long, is the long run (Hal
# Higdon's plans write the long run as a number alone, e.g. "{20:32.2}").
BARE_LONG_RUN_MINUTES = 75
# Any other run (easy, recovery, tempo, hills, intervals, or unclassified with a distance) that is
# its week's longest and at least this long is the week's long run, whatever adjective it carries
# ("{20:32.1} easy", "14-15 mile Aerobic Run", "Marathon Simulation", "at 70-75% 5k").
LONG_RUN_MINUTES = 90
# Intervals become the week's long run only from this long: a 2-hour session of repeats is a
# long run with quality segments ("14 miles, consisting of ... 3 x 3 miles at MP"), a 90-minute
# one a key workout.
LONG_INTERVALS_MINUTES = 120
# A title that opens with the day's distance ("14 miles, consisting of: ...") beats a file's
# `distance` this many times smaller (a slip in the source data), with a warning.
DISTANCE_DISAGREEMENT = 2.0
# A walk ("Walk 5km", the walk parts of a run/walk) at this pace, in min/km.
WALK_MIN_PER_KM = 10.0
# Minutes stated beside a distance are the run's length only when they are at least this share
# of the distance's minutes ("60 min run" of 6 mi); less, they are a segment ("2 min recovery").
STATED_SHARE_OF_DISTANCE = 0.5

Kind = Literal["run", "rest", "skip", "unclassified"]
Confidence = Literal["stated", "estimated", "none"]
MAPPABLE = (
    "easy",
    "recovery",
    "long",
    "tempo",
    "intervals",
    "hills",
    "race",
    "cross_train",
    "rest",
    "skip",
)


class MappingError(ValueError):
    """A `PATTERN=TYPE` mapping that cannot be read."""


@dataclass(frozen=True)
class Mapping:
    """A title pattern (case-insensitive, anywhere in the title) and what it means."""

    pattern: str
    meaning: str

    def matches(self, title: str) -> bool:
        """Whether the title contains the pattern, ignoring case."""
        return self.pattern.casefold() in title.casefold()


def parse_mapping(pairs: Iterable[str] | dict[str, str] | None) -> list[Mapping]:
    """`["Fartlek=intervals"]` or `{"Fartlek": "intervals"}` -> mappings, checked."""
    if pairs is None:
        return []
    items = list(pairs.items()) if isinstance(pairs, dict) else []
    if not isinstance(pairs, dict):
        for pair in pairs:
            pattern, sep, meaning = str(pair).rpartition("=")
            if not sep:
                raise MappingError(f"map {pair!r}: expected PATTERN=TYPE")
            items.append((pattern, meaning))
    mappings = []
    for pattern, meaning in items:
        if not isinstance(pattern, str) or not pattern.strip():
            raise MappingError(f"map {pattern!r}: the pattern is empty")
        if meaning not in MAPPABLE:
            raise MappingError(
                f"map {pattern}={meaning}: unknown type; known: {', '.join(MAPPABLE)}"
            )
        mappings.append(Mapping(pattern.strip(), meaning))
    return mappings


@dataclass(frozen=True)
class Classification:
    """What a workout is, how long it takes, and why the classifier thinks so."""

    kind: Kind
    reason: str
    type: RunType | None = None
    minutes: int | None = None
    race_distance: RaceDistance | None = None
    confidence: Confidence = "none"

    @property
    def is_run(self) -> bool:
        """Whether the workout becomes a run of the plan."""
        return self.kind == "run"

    @property
    def is_mapped(self) -> bool:
        """Whether the runner's mapping decided it: no built-in rule changes it afterwards."""
        return self.reason.startswith(MAPPED_REASON)


# Keyword rules, tried in order on the title, then on the description. Word boundaries keep
# "interval" out of "intervals"-less titles and "lt" out of "salt".
_NOT_A_RUN = re.compile(
    r"\b(strength|weights?|gym|core|yoga|pilates|mobility|stretch(ing)?|foam roll(ing)?)\b"
)
_REST = re.compile(
    r"^\s*(rest( day)?|day off|off( day)?|rest or cross[- ]?train(ing)?|rest/xt|rest or xt)"
    r"\s*[.!]*\s*$"
)
# "Rest or easy run": the run is optional; read as rest, with low confidence.
_REST_OR_EASY = re.compile(r"^\s*rest or (an )?easy( run)?\s*[.!]*\s*$")
# Not a workout: calendar-hack's "Plan Ends" marker.
_PLAN_END = re.compile(r"^\s*plan ends?\b")
_WALK = re.compile(r"^\s*walk\b")
# c25k: "Run 2 minutes, walk 2 minutes. Repeat 6 times"; "Run 1km, walk 4km".
_RUN_WALK_REPEATS = re.compile(
    r"\brun (?P<run>\d+(?:\.\d+)?) ?(?P<run_unit>min|sec)\w*,? walk (?P<walk>\d+(?:\.\d+)?) ?"
    r"(?P<walk_unit>min|sec)\w*\.? repeat (?P<count>\d+) times"
)
_RUN_WALK_DISTANCE = re.compile(
    r"^\s*run (?P<run>\d+(?:\.\d+)?) ?km,? walk (?P<walk>\d+(?:\.\d+)?) ?km\b"
)
# Strides inside an easy or recovery run ("4 x 100 m strides") do not make it intervals.
_STRIDES = re.compile(r"(with )?\d+ ?(?:x|×) ?\d+ ?(?:m|sec|s|seconds?)? ?strides")
_EASY_PACE = re.compile(r"\b(easy|recovery|aerobic) pace\b")
_FAST = re.compile(r"\bfast\b")
# A share of 5K pace: under 80 % easy, under 95 % tempo, above intervals ("at 70-75% 5k").
_PERCENT_5K = re.compile(r"(?P<percent>\d+)(?:\s*[-–]\s*\d+)?\s*% ?5k\b")
# Words that make a "N min" in the text a segment of the run, not its length.
_SEGMENT = re.compile(
    r"\b(recovery|recoveries|warm ?-?up|cool ?-?down|jog|walk|between|intervals?|repeats?|"
    r"rest|sets?)\b|(?:x|×) ?\(?\d"
)
_CROSS = re.compile(
    r"\b(cross[- ]?train(ing)?|cross|xt|bike|cycl(e|ing)|swim(ming)?|elliptical|row(ing)?)\b"
)
_HILLS = re.compile(r"\bhills?\b|\bhill (repeats|sprints|reps)\b|\buphill repeats\b")
_INTERVALS = re.compile(
    r"\b(intervals?|repeats|reps|vo\W?2\s*max|v\W?o\W?2|speed( ?work)?|track|yasso|ladder)\b"
)
_TEMPO = re.compile(
    r"\b(tempo|threshold|lactate|lt|cruise|marathon pace|half marathon pace|race pace|mp|hmp|hm|"
    r"pace|progression|steady state)\b"
)
_LONG = re.compile(r"\b(long|lsd|endurance|medium[- ]long)\b")
_RECOVERY = re.compile(r"\b(recovery|shake ?out|very easy)\b")
_EASY = re.compile(r"\b(easy|general aerobic|aerobic|base|jog|run|strides|ga)\b")
_EASY_WITH_STRIDES = re.compile(r"\b(general aerobic|easy|aerobic)\b.*\b(speed|strides)\b")
_REPS = re.compile(
    r"(?P<count>\d+)\s*(?:x|×|\*)\s*(?P<size>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>min(?:ute)?s?|sec(?:ond)?s?|s|m|meters?|metres?|km|k|mi(?:les?)?)?\b"
)
_MINUTES = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?)\s*)?"
    r"(?P<unit>min(?:ute)?s?|mins|hours?|hrs?|h)\b"
)
_LEADING_DISTANCE = re.compile(
    r"^\s*\d+(?:\.\d+)?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?(mi|miles?|km|kms|kilometers?)\b"
)
_HOURS_MINUTES = re.compile(r"\b(?P<hours>\d):(?P<minutes>[0-5]\d)\b")
_DISTANCE = re.compile(
    r"(?P<low>\d+(?:\.\d+)?)\s*(?:(?:-|–|to)\s*(?P<high>\d+(?:\.\d+)?)\s*)?"
    r"(?P<unit>mi|miles?|km|kms|kilometers?|kilometres?|k)\b"
)
_BARE_DISTANCE = re.compile(
    r"^\s*\d+(?:\.\d+)?\s*(?:(?:-|–|to)\s*\d+(?:\.\d+)?\s*)?(mi|miles?|km|kms|k)\s*$"
)

# Races: a title that names one ("5K goal race", "Half Marathon race", "Marathon!").
_RACE_WORD = re.compile(
    r"\brace\b(?!\s*(pace|effort|simulation|specific|day pace))|"
    r"\b\d+(?:\.\d+)? ?(k|km|mi|miles?) (test|time trial)\b|\btime trial\b"
)
_RACE_DISTANCE = re.compile(
    r"\b(?P<half>half[- ]?marathon|half)\b|\b(?P<marathon>marathon)\b|"
    r"\b(?P<number>\d+(?:\.\d+)?)\s*(?P<unit>k|km|mi|miles?|m)\b|\b(?P<ultra>ultra)\b"
)
# "Marathon", "Half Marathon (13.1 mi)": the race's name alone, maybe with its distance.
_RACE_NAME_ONLY = re.compile(
    r"^\s*(half[- ]?marathon|marathon)(\s*day)?\s*(\([^)]*\))?\s*[!.]*\s*$"
)


def normalized(text: str) -> str:
    """Lower case, `1,000` as `1000`, runs of blanks as one space."""
    text = text.casefold().replace("₂", "2").replace("·", "")
    text = re.sub(r"(?<=\d),(?=\d{3}\b)", "", text)
    return re.sub(r"\s+", " ", text).strip()


class Classifier:
    """Classifies workouts with the runner's paces and mapping."""

    def __init__(
        self,
        paces: Paces | None = None,
        mapping: list[Mapping] | None = None,
        race_distance: RaceDistance | None = None,
    ) -> None:
        """`race_distance`: the plan's race (calendar-hack's `type`), for a race title that
        names no distance ("RACE DAY")."""
        self.paces = paces or Paces()
        self.mapping = mapping or []
        self.race_distance = race_distance

    def classify(
        self,
        title: str,
        description: str = "",
        *,
        distance_km: tuple[float, float] | None = None,
        event_minutes: int | None = None,
    ) -> Classification:
        """What the workout is: a run (type and minutes), rest, skipped, or unclassified.

        `distance_km` is a distance the source gives beside the text (low, high);
        `event_minutes` the length of a timed calendar event.
        """
        heading, body = normalized(title), normalized(description)
        mapped = self._mapped(title)
        if mapped is not None:
            if mapped.meaning in ("rest", "skip"):
                kind: Kind = "rest" if mapped.meaning == "rest" else "skip"
                return Classification(
                    kind, f"{MAPPED_REASON} {mapped.pattern!r} = {mapped.meaning}"
                )
            return self._sized(
                mapped.meaning,  # type: ignore[arg-type]
                heading,
                body,
                f"{MAPPED_REASON} {mapped.pattern!r} = {mapped.meaning}",
                distance_km=distance_km,
                event_minutes=event_minutes,
            )
        if _REST.match(heading) or (not heading and not body and distance_km is None):
            return Classification("rest", "a rest day", confidence="stated")
        if _REST_OR_EASY.match(heading):
            return Classification(
                "rest", "rest or an optional easy run: taken as rest", confidence="estimated"
            )
        if _PLAN_END.match(heading):
            return Classification("skip", "not a workout: the plan's end marker")
        if _WALK.match(heading):
            return self._walk(heading, distance_km, event_minutes)
        run_walk = self._run_walk(heading) or self._run_walk(body)
        if run_walk is not None:
            return run_walk
        if _NOT_A_RUN.search(heading) and not (
            _EASY.search(heading) or _REPS.search(heading) or _DISTANCE.search(heading)
        ):
            return Classification("skip", "not a run: trainweek places the strength itself")
        race = self._race(heading)
        if race is not None:
            distance, why = race
            return self._race_run(heading, body, distance, why, distance_km, event_minutes)
        for text, where in ((heading, "title"), (body, "description")):
            typed = self._keyword_type(text)
            if typed is not None:
                run_type, note = typed
                return self._sized(
                    run_type,
                    heading,
                    body,
                    f"{run_type.replace('_', ' ')}: by the {where}{note}",
                    distance_km=distance_km,
                    event_minutes=event_minutes,
                    estimated="low confidence" in note,
                )
        if _BARE_DISTANCE.match(heading) or (not heading and distance_km is not None):
            return self._sized(
                "easy",
                heading,
                body,
                BARE_DISTANCE_REASON,
                distance_km=distance_km,
                event_minutes=event_minutes,
                estimated=True,
            )
        return Classification("unclassified", "no run type recognised in the title or description")

    def classify_as(
        self,
        run_type: RunType,
        why: str,
        title: str,
        description: str = "",
        *,
        distance_km: tuple[float, float] | None = None,
        event_minutes: int | None = None,
    ) -> Classification:
        """The workout as a run of the given type, sized as `classify` would, estimated."""
        return self._sized(
            run_type,
            normalized(title),
            normalized(description),
            why,
            distance_km=distance_km,
            event_minutes=event_minutes,
            estimated=True,
        )

    def _mapped(self, title: str) -> Mapping | None:
        return next((mapping for mapping in self.mapping if mapping.matches(title)), None)

    def _walk(
        self, heading: str, distance_km: tuple[float, float] | None, event_minutes: int | None
    ) -> Classification:
        """A walk is cross-training: its minutes stated, else its distance at walking pace."""
        why = "cross train: a walk"
        stated = _stated_minutes(heading)
        if stated is not None or event_minutes is not None:
            minutes = stated if stated is not None else event_minutes
            return _run("cross_train", minutes or 0, f"{why}; minutes stated", "stated")
        km_range = distance_km or _stated_km(heading)
        if km_range is None:
            return _run(
                "cross_train",
                DEFAULT_CROSS_TRAIN_MINUTES,
                f"{why}; no duration given: {DEFAULT_CROSS_TRAIN_MINUTES} min assumed",
                "estimated",
            )
        km = sum(km_range) / 2
        return _run(
            "cross_train",
            km * WALK_MIN_PER_KM,
            f"{why}; {km:.1f} km at walking pace {WALK_MIN_PER_KM:g} min/km",
            "estimated",
        )

    def _run_walk(self, text: str) -> Classification | None:
        """A run/walk (couch-to-5K): an easy run, its minutes from the repeats or distances."""
        repeats = _RUN_WALK_REPEATS.search(text)
        if repeats is not None:
            run = float(repeats["run"]) / (60 if repeats["run_unit"] == "sec" else 1)
            walk = float(repeats["walk"]) / (60 if repeats["walk_unit"] == "sec" else 1)
            count = int(repeats["count"])
            return _run(
                "easy",
                (run + walk) * count,
                f"easy: a run/walk, {count} x ({run:g} min run + {walk:g} min walk)",
                "stated",
            )
        distances = _RUN_WALK_DISTANCE.search(text)
        if distances is not None:
            run_km, walk_km = float(distances["run"]), float(distances["walk"])
            minutes = run_km * self.paces.easy + walk_km * WALK_MIN_PER_KM
            return _run(
                "easy",
                minutes,
                f"easy: a run/walk, {run_km:g} km at easy pace {self.paces.easy:g} min/km and "
                f"{walk_km:g} km at walking pace {WALK_MIN_PER_KM:g} min/km",
                "estimated",
            )
        return None

    @staticmethod
    def _keyword_type(text: str) -> tuple[RunType, str] | None:
        """The run type the text's keywords say, and a note for the reason."""
        if not text:
            return None
        text = _STRIDES.sub(" ", text)
        if _CROSS.search(text) and not _EASY.search(text.replace("cross", "")):
            return "cross_train", ""
        if _LONG.search(text):
            quality = _quality_segment(text)
            note = f", with a {quality} segment (a long run all the same)" if quality else ""
            return "long", note
        if _EASY_WITH_STRIDES.search(text) or _EASY_PACE.search(text):
            return "easy", ""
        percent = _PERCENT_5K.search(text)
        if percent is not None and not _REPS.search(text):
            share = int(percent["percent"])
            run_type: RunType = "easy" if share < 80 else "tempo" if share < 95 else "intervals"
            return run_type, f" ({share}% of 5K pace)"
        if _HILLS.search(text):
            return "hills", ""
        if _INTERVALS.search(text) or _REPS.search(text):
            return "intervals", ""
        if _TEMPO.search(text):
            return "tempo", ""
        if _RECOVERY.search(text):
            return "recovery", ""
        if _EASY.search(text):
            return "easy", ""
        if _FAST.search(text):
            return "tempo", " ('fast' read as tempo: low confidence)"
        return None

    @staticmethod
    def _race(heading: str) -> tuple[RaceDistance | None, str] | None:
        """The race's distance (None: not said) and why the title is a race; None: no race."""
        if not (_RACE_WORD.search(heading) or _RACE_NAME_ONLY.match(heading)):
            return None
        match = _RACE_DISTANCE.search(heading)
        if match is None:
            return None, "race: the title says so, with no distance"
        return race_distance_of(match), "race: the title names it"

    def _race_run(
        self,
        heading: str,
        body: str,
        distance: RaceDistance | None,
        why: str,
        distance_km: tuple[float, float] | None,
        event_minutes: int | None,
    ) -> Classification:
        """A race's minutes: stated, else the event's length, else the day's distance (warm-up
        included) or the race's own, at tempo pace."""
        stated = _stated_minutes(heading) or _stated_minutes(body)
        if stated is not None:
            return _run("race", stated, f"{why}; minutes stated", "stated", distance)
        if event_minutes is not None:
            return _run("race", event_minutes, f"{why}; the event's length", "stated", distance)
        # The day's distance (warm-up included) is what follows the race's name: "5K race 8 mi".
        named = _RACE_DISTANCE.search(heading)
        after_name = heading[named.end() :] if named else heading
        day_km = distance_km or _stated_km(after_name)
        if day_km is not None and isinstance(distance, str) and _is_km_as_miles(day_km, distance):
            km = RACE_KM[distance]
            why += (
                f"; warning: the file's distance {day_km[0] / KM_PER_MILE:g} mi is the "
                f"{distance}'s {km:g} km written in miles: read as the {distance}"
            )
            return _run("race", km * self.paces.tempo, why, "estimated", distance)
        if day_km is not None:
            km = sum(day_km) / 2
            minutes = km * self.paces.tempo
            why += f"; the day's {km:.1f} km at tempo pace"
            return _run("race", minutes, why, "estimated", distance)
        if distance is None and self.race_distance is not None:
            distance = self.race_distance
            why += f"; the plan's race distance ({distance})"
        if distance is not None:
            km = RACE_KM[distance] if isinstance(distance, str) else distance
            minutes = km * self.paces.tempo
            return _run("race", minutes, f"{why}; {km:.1f} km at tempo pace", "estimated", distance)
        return Classification("unclassified", f"{why}: no distance nor duration to size it")

    def _sized(
        self,
        run_type: RunType,
        heading: str,
        body: str,
        why: str,
        *,
        distance_km: tuple[float, float] | None,
        event_minutes: int | None,
        estimated: bool = False,
    ) -> Classification:
        """The run with its minutes, from the first source that gives them."""
        confidence: Confidence = "estimated" if estimated else "stated"
        if run_type == "race":
            race = _RACE_DISTANCE.search(heading)
            distance = race_distance_of(race) if race else None
            return self._race_run(heading, body, distance, why, distance_km, event_minutes)
        # Repetitions are read first and cut out, so "6 x 2 min" is not a 2-minute run.
        heading, body = _STRIDES.sub(" ", heading), _STRIDES.sub(" ", body)
        head_reps, heading_rest = _cut_reps(heading)
        body_reps, body_rest = _cut_reps(body)
        stated = _stated_minutes(heading_rest) or _stated_minutes(body_rest)
        run_km = distance_km or _stated_km(heading_rest) or _stated_km(body_rest)
        title_km = _stated_km(heading_rest) if _LEADING_DISTANCE.match(heading) else None
        if distance_km and title_km and sum(title_km) > DISTANCE_DISAGREEMENT * sum(distance_km):
            # Boston's "14 miles, consisting of: ..." with a distance of 1: the title is right.
            why += (
                f"; warning: the file's distance {sum(distance_km) / 2:.1f} km is far from the "
                f"title's {sum(title_km) / 2:.1f} km: the title's taken"
            )
            run_km = title_km
        pace, pace_name = self._pace(run_type)
        # "N min" is a segment, not the run's length, beside recoveries, warm-ups or intervals,
        # or beside a distance whose minutes it falls far short of.
        segment = _SEGMENT.search(heading) or _SEGMENT.search(body)
        if (
            run_km is not None
            and stated is not None
            and (segment or stated < STATED_SHARE_OF_DISTANCE * sum(run_km) / 2 * pace)
        ):
            why += f"; {stated:g} min in the text is a segment"
            stated = None
        if stated is not None and (segment and (head_reps or body_reps)):
            why += f"; {stated:g} min in the text is a segment"
            stated = None
        if stated is not None:
            return _run(run_type, stated, f"{why}; minutes stated", confidence)
        if event_minutes is not None:
            return _run(run_type, event_minutes, f"{why}; the event's length", confidence)
        if run_km is not None:
            km = sum(run_km) / 2
            return _run(
                run_type,
                km * pace,
                f"{why}; {km:.1f} km at {pace_name} pace {pace:g} min/km",
                confidence,
            )
        reps = head_reps or body_reps
        if reps is not None:
            minutes = self._reps_minutes(reps)
            if minutes is not None:
                return _run(
                    run_type,
                    minutes,
                    f"{why}; {reps.group(0).strip()} at interval pace with equal recoveries "
                    f"and {WARM_UP_AND_COOL_DOWN_MINUTES} min warm-up and cool-down",
                    "estimated",
                )
        if run_type == "cross_train":
            return _run(
                run_type,
                DEFAULT_CROSS_TRAIN_MINUTES,
                f"{why}; no duration given: {DEFAULT_CROSS_TRAIN_MINUTES} min assumed",
                "estimated",
            )
        return Classification(
            "unclassified",
            f"{why}, but no duration or distance to size it",
            type=run_type,
        )

    def _pace(self, run_type: RunType) -> tuple[float, str]:
        """The pace a whole run of the type averages, and its name."""
        if run_type == "long":
            return self.paces.long, "long"
        if run_type in ("tempo", "intervals", "hills", "race"):
            return self.paces.tempo, "tempo"
        return self.paces.easy, "easy"

    def _reps_minutes(self, reps: re.Match[str]) -> float | None:
        """Work and equal recovery of each repetition, plus warm-up and cool-down."""
        count, size, unit = int(reps["count"]), float(reps["size"]), reps["unit"] or ""
        if unit.startswith("min"):
            work = size
        elif unit.startswith("s"):
            work = size / 60
        elif unit in ("km", "k"):
            work = size * self.paces.interval
        elif unit.startswith("mi"):
            work = size * KM_PER_MILE * self.paces.interval
        elif unit.startswith("m") or (not unit and size >= 100):
            work = size / 1000 * self.paces.interval
        else:
            return None
        return count * work * 2 + WARM_UP_AND_COOL_DOWN_MINUTES


def race_distance_of(match: re.Match[str]) -> RaceDistance | None:
    """A race distance from a `_RACE_DISTANCE` match: a named one, else km."""
    if match["half"]:
        return "half"
    if match["marathon"]:
        return "marathon"
    if match["ultra"]:
        return "ultra"
    number, unit = float(match["number"]), match["unit"]
    if unit == "m":
        km = number / 1000
    elif unit.startswith("mi"):
        km = number * KM_PER_MILE
    else:
        km = number
    named = {5.0: "5k", 10.0: "10k", 21.1: "half", 42.2: "marathon", 50.0: "ultra"}
    return named.get(round(km, 1), round(km, 2))  # type: ignore[return-value]


def _run(
    run_type: RunType,
    minutes: float,
    reason: str,
    confidence: Confidence,
    race_distance: RaceDistance | None = None,
) -> Classification:
    whole = max(1, round(min(minutes, MAX_RUN_MINUTES + 1)))  # a huge distance is inf minutes
    if whole > MAX_RUN_MINUTES:
        reason += f"; {whole} min capped at {MAX_RUN_MINUTES}"
        whole = MAX_RUN_MINUTES
    return Classification("run", reason, run_type, whole, race_distance, confidence)


def _quality_segment(text: str) -> str | None:
    """The quality work inside a long run's text ("at MP", "tempo"), named; None: none."""
    if _HILLS.search(text):
        return "hills"
    if _INTERVALS.search(text) or _REPS.search(text):
        return "intervals"
    if _TEMPO.search(text):
        return "marathon-pace or tempo"
    return None


def _is_km_as_miles(day_km: tuple[float, float], distance: str) -> bool:
    """Whether the day's distance is the race's km count read as miles (42.195 'mi')."""
    race_km = RACE_KM.get(distance)
    if race_km is None:
        return False
    as_miles = day_km[1] / KM_PER_MILE
    return abs(as_miles - race_km) <= 0.01 * race_km


def _cut_reps(text: str) -> tuple[re.Match[str] | None, str]:
    match = _REPS.search(text)
    if match is None:
        return None, text
    return match, text[: match.start()] + " " + text[match.end() :]


def _stated_minutes(text: str) -> float | None:
    """Minutes written in the text: '40 min', '60-70 minutes' (the middle), '1.5 h', '1:30'."""
    match = _MINUTES.search(text)
    if match is not None:
        low = float(match["low"])
        high = float(match["high"]) if match["high"] else low
        value = (low + high) / 2
        return value * 60 if match["unit"].startswith("h") else value
    clock = _HOURS_MINUTES.search(text)
    if clock is not None:
        return int(clock["hours"]) * 60 + int(clock["minutes"])
    return None


def _stated_km(text: str) -> tuple[float, float] | None:
    """A distance written in the text, in km: '5 mi', '4-5 mi' (low, high), '12 km'."""
    match = _DISTANCE.search(text)
    if match is None:
        return None
    low = float(match["low"])
    high = float(match["high"]) if match["high"] else low
    factor = KM_PER_MILE if match["unit"].startswith("mi") else 1.0
    return low * factor, high * factor
