"""Where a report goes: standard output, or a file a reader sees whole or not at all."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from checker.errors import OutputError


@contextlib.contextmanager
def atomic_file(path: str) -> Iterator[TextIO]:
    """A file written beside ``path`` and renamed over it when done: readers see the old or the new, never a part."""
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"-o {path}: is a directory; pass a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    except OSError as exc:
        hint = "create the directory first" if isinstance(exc, FileNotFoundError) else "choose another place"
        raise OutputError(f"-o {path}: cannot write there ({exc.strerror or exc}); {hint}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
            yield out
        # mkstemp creates the file private (0600); a report gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"-o {path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def report_output(path: str | None) -> Iterator[TextIO]:
    """Standard output when ``path`` is None, else :func:`atomic_file`."""
    if not path:
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_file(path) as out:
        yield out
