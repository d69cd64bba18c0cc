"""Where enrichment sits: above the readers, imported only by the top-level API and the
command; and the fetch progress bar, drawn on a terminal only, for long fetches only."""

from __future__ import annotations

import ast
import io
from pathlib import Path

import jakcite
from jakcite.cli.progress import FETCH_PROGRESS_AFTER, FetchProgress

SRC = Path(__file__).resolve().parents[2] / "src" / "jakcite"


def _importers_of_enrichment() -> set[str]:
    found = set()
    for path in SRC.rglob("*.py"):
        if "enrichment" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            names += [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if any(n.startswith("jakcite.enrichment") for n in names):
                found.add(str(path.relative_to(SRC)))
    return found


def test_only_the_api_and_the_command_import_enrichment() -> None:
    assert _importers_of_enrichment() == {"__init__.py", "cli/enrichment.py", "cli/fetch.py"}


def test_the_functions_are_the_public_names() -> None:
    assert callable(jakcite.enrich) and callable(jakcite.merge) and callable(jakcite.dedupe)
    assert jakcite.EnrichConfig().tool == "jakcite"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_fetch_bar_is_drawn_on_a_terminal_for_long_fetches_only() -> None:
    terminal, pipe, short = _Terminal(), io.StringIO(), _Terminal()
    for stream, total in ((terminal, 450), (pipe, 450), (short, FETCH_PROGRESS_AFTER - 1)):
        bar = FetchProgress(stream)
        for done in (200, 400, total):
            bar(min(done, total), total)
        bar.close()
    assert terminal.getvalue().endswith("\r[" + "#" * 30 + "] 450/450 identifiers fetched\n")
    assert "\r[#############                 ] 200/450 identifiers fetched" in terminal.getvalue()
    assert pipe.getvalue() == "" and short.getvalue() == ""
