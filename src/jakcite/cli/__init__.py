"""The ``jakcite`` command.

Exit codes: 0 success, 1 an input, a record or the output could not be read or written,
2 usage error (unknown command, option, format or option value), 130 Ctrl-C.  Each error is
one line on stderr (``file:line: message``), never a traceback.

Each sub-command is a module of this package with ``add_parser`` and ``run``; :data:`COMMANDS`
lists them in the order ``jakcite --help`` shows them.  The modules share :mod:`jakcite.cli.common`.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence

from jakcite import __version__
from jakcite.cli import check, convert, fetch, format, formats
from jakcite.cli.common import EXIT_DATA, EXIT_OK, EXIT_USAGE, Subcommands
from jakcite.errors import FormatError, JakciteError, ParseError

__all__ = ["COMMANDS", "build_parser", "entry", "main"]

#: Sub-command name -> (add its parser to the sub-parsers under that name, run it on the parsed arguments).
COMMANDS: dict[
    str,
    tuple[Callable[[Subcommands, str], argparse.ArgumentParser], Callable[[argparse.Namespace], int]],
] = {
    "convert": (convert.add_parser, convert.run),
    "formats": (formats.add_parser, formats.run),
    "format": (format.add_parser, format.run),
    "check": (check.add_parser, check.run),
    "fetch": (fetch.add_parser, fetch.run),
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="jakcite", description="Turn PubMed and reference-manager records into clean bibliographic data."
    )
    parser.add_argument("--version", action="version", version=f"jakcite {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (add_parser, run) in COMMANDS.items():
        add_parser(sub, name).set_defaults(handler=run)
    return parser


def _in_command_terms(message: str) -> str:
    # The library names formats as the API takes them; the command says which flag to give.
    message = re.sub(r"\(read it as format '([\w.-]+)'\)", r"(give --from \1)", message).replace(
        "cannot tell its format", "cannot tell its format (give --from)"
    )
    return message.replace("cannot tell the format of this input", "cannot tell the format of this input (give --from)")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code (0 done, 1 bad input or output, 2 usage, 130 Ctrl-C)."""
    args = build_parser().parse_args(argv)
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
