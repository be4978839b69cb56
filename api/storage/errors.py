"""What the storage services refuse; the HTTP layer turns each into a problem+json response."""

from __future__ import annotations


class StorageError(Exception):
    """A request the stored data does not allow; the message is for the client."""


class NotFound(StorageError):
    """No such thing for this coach: never says whether it exists for another coach."""


class Conflict(StorageError):
    """The change clashes with what is stored (a profile name already taken)."""


class Busy(StorageError):
    """The database stayed locked by other writes past the busy timeout: retry shortly."""


class Stale(Conflict):
    """The client's copy is older than the stored row: it sent a version that is not current."""

    def __init__(self, detail: str, current_version: int) -> None:
        super().__init__(detail)
        self.current_version = current_version


class TokenReplaced(Conflict):
    """The token was valid until another request replaced it: that request won the rotation."""
