"""Where a report goes: standard output, or a file a reader sees whole or not at all.

Every file claimcheck writes for the user (``check -o``, ``extract -o``,
``baseline create|update -o``, ``audit -o``, ``export -o``) goes through
:func:`atomic_file` or :func:`atomic_path`: the output is written to a temporary
file beside the target (``.NAME.XXXXXXXX``, same directory so the rename cannot
cross file systems), flushed and synced, and renamed over the target with
``os.replace``. Killing the process at any moment leaves the previous file or the
complete new one, never a part (``tests/test_atomic_output.py`` kills writers at
random moments to hold that).

Temporary files. An exception, Ctrl-C (KeyboardInterrupt) or an error writing
removes the temporary file. SIGKILL (and any signal whose default action ends
the process, such as an unhandled SIGTERM) cannot be caught, so it leaves the
``.NAME.XXXXXXXX`` file behind. That is harmless: each run creates its own with a
fresh random suffix (``O_EXCL``), never reads an old one, and directory walks
skip names that start with a dot, so a later run neither reuses nor checks it.
Such leftovers are safe to delete whenever no claimcheck is writing there. They
are not deleted automatically, because another claimcheck writing the same
target at the same time owns one just like it.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from checker.errors import OutputError


def _target(path: str) -> Path:
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"-o {path}: is a directory; pass a file name")
    if target.is_symlink():
        # Replace the file the link points at, not the link itself.
        target = Path(os.path.realpath(target))
    return target


def _temp_beside(target: Path, path: str) -> tuple[int, str]:
    try:
        return tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or Path("."))
    except OSError as exc:
        hint = "create the directory first" if isinstance(exc, FileNotFoundError) else "choose another place"
        raise OutputError(f"-o {path}: cannot write there ({exc.strerror or exc}); {hint}") from None


def _mode(target: Path) -> int:
    """The permissions of the file being replaced, else the usual ones for a new file (0666 less the umask)."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _commit(tmp: str, target: Path) -> None:
    # mkstemp creates the file private (0600); the output keeps the old file's permissions, or gets the usual.
    os.chmod(tmp, _mode(target))
    # A killed process needs nothing more than the rename: what it wrote is in the
    # kernel's page cache, which outlives the process, and os.replace swaps the
    # name in one step. The fsync (of the temporary file, before the rename) is for
    # a power cut or an OS crash: without it the rename can reach the disk before
    # the data, leaving the name pointing at an empty or partial file and the
    # previous one gone. It costs a few milliseconds per file. The directory is
    # not synced after the rename: after a power cut that rename may be lost,
    # which leaves the previous file, still whole, so the promise "the previous
    # file or the complete new one" holds without it.
    fd = os.open(tmp, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, target)


@contextlib.contextmanager
def atomic_path(path: str) -> Iterator[Path]:
    """A temporary file name beside ``path`` for a writer that wants a name (Parquet); renamed over ``path`` when done.

    The body writes the whole output to the yielded path; if it raises, the
    temporary file is removed and ``path`` is left as it was.
    """
    target = _target(path)
    fd, tmp = _temp_beside(target, path)
    os.close(fd)
    try:
        yield Path(tmp)
        _commit(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"-o {path}: cannot be written ({exc.strerror or exc})") from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_file(path: str) -> Iterator[TextIO]:
    """A file written beside ``path`` and renamed over it when done: readers see the old or the new, never a part."""
    with atomic_path(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as out:
        yield out


@contextlib.contextmanager
def report_output(path: str | None) -> Iterator[TextIO]:
    """Standard output when ``path`` is None or ``-`` (as for inputs), else :func:`atomic_file`."""
    if not path or path == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    with atomic_file(path) as out:
        yield out
