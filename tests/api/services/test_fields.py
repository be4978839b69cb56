"""A name's pattern in the OpenAPI document says exactly what the service accepts."""

from __future__ import annotations

import re

import pytest
from pydantic import TypeAdapter, ValidationError

from api.services.fields import ONE_LINE_NOT_BLANK, Name

NAME = TypeAdapter(Name)


@pytest.mark.parametrize(
    "text", ["Mia", "  Mia ", " ", "", "\u00a0", " \u3000 ", "a\tb", "x\x85", "\ufeff", "Zoë Ö"]
)
def test_the_documented_pattern_accepts_what_the_service_accepts(text: str) -> None:
    try:
        NAME.validate_python(text)
        accepted = True
    except ValidationError:
        accepted = False

    assert bool(re.search(ONE_LINE_NOT_BLANK, text)) == accepted


def test_a_blank_name_is_refused_and_a_padded_one_trimmed() -> None:
    with pytest.raises(ValidationError, match="must not be blank"):
        NAME.validate_python("   ")
    assert NAME.validate_python("  Mia ") == "Mia"
