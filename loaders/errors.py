"""The errors the library raises.

Every error derives from :class:`KGError`, so the command line can catch one type and print one
clear line. They live in ``loaders`` because it is the first layer of the flow; ``kg`` re-exports them.
"""


class KGError(Exception):
    """Something the user can act on went wrong; the message says what and, where it can, what next."""


class InputError(KGError):
    """A source file cannot be read as minutes (unknown format, empty, binary, no text layer, too large)."""

    def __init__(self, path, problem):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")


class NotMinutesError(InputError):
    """The file holds text, but not the text of meeting minutes."""


class InputWarning(UserWarning):
    """A source file was read, but not exactly: a few damaged bytes became U+FFFD (the message says where).

    A warning, not an error, so the document still loads; the command line prints it as one line.
    """

    def __init__(self, path, problem):
        self.path, self.problem = str(path), problem
        super().__init__(f"{path}: {problem}")
