"""Field types shared by the coach resources."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, StringConstraints

from api.storage.models import NAME_LENGTH

# No C0 or C1 control character (tabs, newlines, escapes, NEL): a name is one line of text.
NO_CONTROL_CHARACTERS = r"^[^\x00-\x1f\x7f-\x9f]*$"


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
    Field(json_schema_extra={"pattern": NO_CONTROL_CHARACTERS}),
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
