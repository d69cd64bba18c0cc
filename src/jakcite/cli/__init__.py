"""The ``jakcite`` command.

Exit codes: 0 success, 1 an input, a record or the output could not be read or written,
2 usage error (unknown command, option, format or option value), 130 Ctrl-C.  Each error is
one line on stderr (``file:line: message``), never a traceback.

Each sub-command is a module of this package with ``add_parser`` and ``run``; :data:`COMMANDS`
lists them in the order ``jakcite --help`` shows them.  The modules share :mod:`jakcite.cli.common`.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import re
import sys
from collections.abc import Sequence
from types import ModuleType

from jakcite import __version__
from jakcite.cli.exits import EXIT_DATA, EXIT_OK, EXIT_USAGE
from jakcite.errors import FormatError, JakciteError, ParseError

__all__ = ["COMMANDS", "build_parser", "entry", "main"]

#: Sub-command name -> its one-line help. Each is the module ``jakcite.cli.<name>`` with
#: ``add_parser`` and ``run``; only the command being run is imported (the others get a
#: parser with their help line alone), so that ``jakcite convert`` never loads the CSL
#: engine and ``jakcite --help`` loads no command.
COMMANDS: dict[str, str] = {
    "convert": "convert records between formats",
    "formats": "list the registered formats",
    "format": "format records as a bibliography in a CSL style",
    "cite": "format citations of records, written as pandoc citations",
    "check": "round-trip records through formats and report undeclared losses",
    "fetch": "fetch records by PMID, PMCID or DOI from PubMed and Crossref",
    "styles": "list and search the CSL styles",
    "completion": "print a shell-completion script",
}


def _command_module(name: str) -> ModuleType:
    return importlib.import_module(f"jakcite.cli.{name}")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The argument parser: every sub-command in full, or only ``command`` (the rest by name
    and help; ``""``: none in full)."""
    parser = argparse.ArgumentParser(
        prog="jakcite", description="Turn PubMed and reference-manager records into clean bibliographic data."
    )
    parser.add_argument("--version", action="version", version=f"jakcite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if command is None or name == command:
            module = _command_module(name)
            module.add_parser(sub, name).set_defaults(handler=module.run)
        else:
            sub.add_parser(name, help=help_text)
    parser.set_defaults(root_parser=parser)  # 'completion' reads the commands off it
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    """The one command to build in full: None (all) for ``completion``, which lists them
    all, and "" (none) for ``--help``, ``--version`` or an unknown command."""
    first = next((a for a in argv if not a.startswith("-")), None)
    if first == "completion":
        return None
    return first if first in COMMANDS else ""


def _in_command_terms(message: str) -> str:
    # The library names formats as the API takes them; the command says which flag to give.
    message = re.sub(r"\(read it as format '([\w.-]+)'\)", r"(give --from \1)", message).replace(
        "cannot tell its format", "cannot tell its format (give --from)"
    )
    return message.replace("cannot tell the format of this input", "cannot tell the format of this input (give --from)")


#: Allocations between young-generation collections for the command (CPython's default: 700).
GC_THRESHOLD = 50_000


def tune_gc() -> None:
    """Set up the collector as a batch tool wants it: objects alive after start-up are frozen
    (never scanned again) and the young generation is collected far less often, since a
    conversion builds millions of small objects that live to the end and form no cycles.
    The library leaves the collector alone; ``JAKCITE_GC=default`` turns this off."""
    if os.environ.get("JAKCITE_GC") == "default":
        return
    gc.freeze()
    _, second, third = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, second, third)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0 done, 1 bad input or output, 2 usage, 130 Ctrl-C)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_chosen_command(argv)).parse_args(argv)
    tune_gc()
    try:
        return int(args.handler(args))
    except FormatError as exc:
        sys.stderr.write(f"jakcite: error: {_in_command_terms(str(exc))}\n")
        return EXIT_USAGE
    except ParseError as exc:
        sys.stderr.write(f"{_in_command_terms(str(exc))}\n")
        return EXIT_DATA
    except JakciteError as exc:
        sys.stderr.write(f"jakcite: error: {exc}\n")
        return EXIT_DATA
    except KeyboardInterrupt:
        sys.stderr.write("\njakcite: interrupted\n")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:  # anything the operating system refused, as one line
        where = f"{exc.filename}: " if exc.filename else ""
        sys.stderr.write(f"jakcite: error: {where}{exc.strerror or exc}\n")
        return EXIT_DATA


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
