"""Errors that stop a run or a stage, each with a message a user can act on."""


class CheckerError(Exception):
    """Base class for every error claimcheck reports to the user."""


class RulePackError(CheckerError):
    """A rule pack or lexicon is malformed (file, line, what, how to fix)."""


class ConfigError(CheckerError):
    """The configuration or command line asks for something impossible."""


class InputError(CheckerError):
    """An input file cannot be read as articles."""

    def __init__(self, path: str, message: str, *, line: int | None = None, hint: str = ""):
        super().__init__(message)
        self.path = path
        self.line = line
        self.hint = hint
