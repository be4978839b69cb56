"""Field types shared by the coach resources."""

from __future__ import annotations

import re
import zoneinfo
from functools import cache
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from api.storage.models import NAME_LENGTH, TIMEZONE_LENGTH
from solver.library import load_library

# No C0 or C1 control character (tabs, newlines, escapes, NEL): a name is one line of text.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f-\x9f]*$"
# ... and not blank: one character at least that is not white space (what str.strip removes).
ONE_LINE_NOT_BLANK = r"^[^\x00-\x1f\x7f-\x9f]*[^\s\x00-\x1f\x7f-\x9f][^\x00-\x1f\x7f-\x9f]*$"


def _one_line_of_text(name: str) -> str:
    if not re.fullmatch(NO_CONTROL_CHARACTERS, name):
        raise ValueError("must not contain control characters (tabs, line breaks, escapes)")
    name = name.strip()
    if not name:
        raise ValueError("must not be blank")
    return name


# The length is checked as sent (so the document's maxLength holds), then the name is trimmed.
Name = Annotated[
    str,
    StringConstraints(min_length=1, max_length=NAME_LENGTH),
    # The document says what the validator checks: one line, not blank.
    Field(json_schema_extra={"pattern": ONE_LINE_NOT_BLANK}),
    AfterValidator(_one_line_of_text),
]


# The version a client read, sent back on PUT so an edit of a stale copy is refused (409).
Version = Annotated[
    int | None,
    Field(
        default=None,
        strict=True,
        ge=1,
        description="The `version` you read (optional): when the stored one is newer, nothing "
        "is changed and the answer is 409. Leave it out to overwrite whatever is stored.",
    ),
]


@cache
def known_time_zones() -> frozenset[str]:
    """Every IANA zone name this Python knows (from the system or the tzdata package)."""
    return frozenset(zoneinfo.available_timezones())


def _known_time_zone(name: str) -> str:
    # Membership, not ZoneInfo(name): that would also take a folder such as "America" or a path.
    if name not in known_time_zones():
        raise ValueError(
            f"unknown time zone '{name}': give an IANA name such as 'Europe/Paris' or 'UTC'"
        )
    return name


# An IANA time zone name, such as "Europe/Paris": the known names are the schema's enum too.
TimeZoneName = Annotated[
    str,
    StringConstraints(min_length=1, max_length=TIMEZONE_LENGTH),
    Field(json_schema_extra=lambda schema: schema.update(enum=sorted(known_time_zones()))),
    AfterValidator(_known_time_zone),
]

# A preset's name: the library's presets as the process starts are the schema's enum (an unknown
# name is still the 400 that lists the known ones, from the service that reads it).
PresetName = Annotated[
    str,
    Field(json_schema_extra=lambda schema: schema.update(enum=sorted(load_library()[1]))),
]
