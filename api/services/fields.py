"""Field types shared by the coach resources."""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from api.storage.models import NAME_LENGTH

Name = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=NAME_LENGTH)
]
