"""What the storage services refuse; the HTTP layer turns each into a problem+json response."""

from __future__ import annotations


class StorageError(Exception):
    """A request the stored data does not allow; the message is for the client."""


class NotFound(StorageError):
    """No such thing for this coach: never says whether it exists for another coach."""


class Conflict(StorageError):
    """The change clashes with what is stored (a profile name already taken)."""
