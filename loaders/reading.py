"""From a path to a record: read the file in whatever format it is, then parse the minutes in it.

This is what ``kg extract`` and ``kg load`` call for each file. The record's ``source`` is the file
name (the same document read from a folder or another keeps one identity); errors name the path as
given, so a user sees which of many files failed.
"""

from __future__ import annotations

from loaders.errors import NotMinutesError
from loaders.formats import read_source
from loaders.minutes import parse_minutes
from loaders.record import Minutes


def read_minutes(path, *, max_bytes: int | None = None) -> Minutes:
    """The minutes in the file at ``path`` (any registered format; ``-`` is stdin).

    Raises :class:`~loaders.errors.InputError` for a file that cannot be read as text and
    :class:`~loaders.errors.NotMinutesError` for text that is not minutes, each naming ``path``.
    """
    source = read_source(path, max_bytes=max_bytes)
    try:
        return parse_minutes(source.text, source=source.path.name, metadata=source.metadata)
    except NotMinutesError as error:
        raise NotMinutesError(path, error.problem) from None
