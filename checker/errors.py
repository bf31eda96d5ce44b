"""Errors that stop a run or a stage, each with a message a user can act on."""


class CheckerError(Exception):
    """Base class for every error claimcheck reports to the user."""


class RulePackError(CheckerError):
    """A rule pack or lexicon is malformed (file, line, what, how to fix)."""


class ConfigError(CheckerError):
    """The configuration or command line asks for something impossible."""


class OutputError(CheckerError):
    """A report or store file that cannot be written."""


class InputError(CheckerError):
    """An input file cannot be read as articles."""

    def __init__(self, path: str, message: str, *, line: int | None = None, hint: str = ""):
        super().__init__(message)
        self.path = path
        self.line = line
        self.hint = hint


def toml_error_position(exc: Exception, text: str) -> tuple[int, int, str]:
    """(line, column, reason) of a ``tomllib`` error, which puts its position at the end of its message.

    "At end of document" points at the end of the last line, where the reader stopped
    (an unclosed string or table).
    """
    import re

    message = str(exc)
    where = re.search(r"\(at line (\d+), column (\d+)\)$", message)
    if where:
        return int(where.group(1)), int(where.group(2)), message[:where.start()].strip()
    end = re.search(r"\(at end of document\)$", message)
    if end:
        lines = text.splitlines() or [""]
        return len(lines), len(lines[-1]) + 1, message[:end.start()].strip()
    return 1, 1, message
