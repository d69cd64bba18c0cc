"""Atomic output: a destination is replaced whole by a finished file, or left as it was.

Everything jakcite writes to a path goes through :func:`atomic_output`: the text is written
to a temporary file in the destination's folder, flushed and synced to disk, and only then
moved over the destination with :func:`os.replace` (atomic on POSIX and Windows).  On any
error or interruption (an exception, Ctrl-C, a full disk) the temporary file is removed and
the destination is byte for byte what it was, or still absent.

Because the destination is replaced only after the writer has finished, and so after the
records (which the writer consumes) have all been read, converting a file in place
(``-o`` naming one of the inputs) is safe: the input is read whole before it is replaced.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from jakcite.errors import WriteError

__all__ = ["atomic_output", "destination_of"]

_SUFFIX = ".jakcite-tmp"
#: Errors of the output itself (full disk, file too large, quota, read-only, I/O).
_WRITE_ERRNOS = frozenset({errno.ENOSPC, errno.EFBIG, errno.EDQUOT, errno.EROFS, errno.EIO})


def destination_of(dest: str | os.PathLike[str]) -> Path:
    """The file a path really names: a symlink's target, so that the link survives."""
    path = Path(dest)
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _check_destination(path: Path, shown: str) -> None:
    if path.is_dir():
        raise WriteError(f"cannot write {shown}: it is a directory")
    folder = path.parent
    if not folder.is_dir():
        raise WriteError(f"cannot write {shown}: no such directory {str(folder)!r}")
    if path.exists() and not os.access(path, os.W_OK):
        raise WriteError(f"cannot write {shown}: permission denied")


def _new_file_mode() -> int:
    # What open() would give a new file: 0o666 less the umask (mkstemp makes 0o600).
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _settle_mode(tmp: str, target: Path) -> None:
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    os.chmod(tmp, mode)


@contextlib.contextmanager
def atomic_output(dest: str | os.PathLike[str], *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text stream whose content replaces ``dest`` only when the block ends without error.

    Raises :class:`~jakcite.WriteError` (one line naming the path) when the destination
    cannot be written: a missing folder, a directory, no permission, a full disk.  The
    permission bits of an existing destination are kept.
    """
    shown = os.fspath(dest)
    target = destination_of(dest)
    _check_destination(target, shown)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=_SUFFIX, dir=target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from exc
    out = os.fdopen(fd, "w", encoding=encoding, newline="")
    try:
        yield out
        out.flush()
        os.fsync(out.fileno())
        out.close()
        _settle_mode(tmp, target)
        os.replace(tmp, target)
    except OSError as exc:
        _discard(out, tmp)
        if exc.errno in _WRITE_ERRNOS or exc.filename == tmp:
            raise WriteError(f"cannot write {shown}: {exc.strerror or exc}") from exc
        raise
    except BaseException:
        _discard(out, tmp)
        raise


def _discard(out: TextIO, tmp: str) -> None:
    with contextlib.suppress(OSError):
        out.close()  # may fail again on a full disk; the file goes anyway
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)
