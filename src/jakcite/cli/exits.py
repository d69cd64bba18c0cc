"""The command's exit codes (a module of their own, so that ``jakcite --help`` imports nothing else)."""

from __future__ import annotations

__all__ = ["EXIT_DATA", "EXIT_OK", "EXIT_USAGE"]

#: Success; an input, a record or the output could not be read or written; a usage error.
EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
