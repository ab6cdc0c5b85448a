"""Errors credbridge raises on purpose.

Each carries a message meant for the person who supplied the input, so the CLI and the API can
show it as it is: no traceback ever reaches a user.
"""

from __future__ import annotations


class CredbridgeError(Exception):
    """Base of every deliberate error; `code` is stable, the message is for humans."""

    code = "error"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.code


class InputError(CredbridgeError):
    """The input cannot be used: unknown format, corrupt, encrypted, too large, ..."""

    code = "input.invalid"


class UnreadableDocument(InputError):
    """A resume file that no reader can turn into a Document."""

    code = "document.unreadable"


class FetchError(CredbridgeError):
    """A remote document could not be fetched (network, status, size, content type)."""

    code = "fetch.failed"


class UnsafeURL(FetchError):
    """A URL we refuse to fetch: not http(s), or pointing at a forbidden address."""

    code = "fetch.forbidden"


class UnknownTarget(InputError):
    """No adapter is registered under the requested target name."""

    code = "target.unknown"
