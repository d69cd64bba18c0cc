"""Start-up does only what the command needs: no reader, writer or CSL engine is imported
before it is used (the times are in `make bench`; these tests check what is imported)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from jakcite.cli import COMMANDS, build_parser
from jakcite.registry import Lazy


def _modules_after(code: str) -> set[str]:
    probe = f"{code}\nimport sys, json\nprint(json.dumps(sorted(m for m in sys.modules if m.startswith(('jakcite', 'citeproc', 'lxml', 'bibtexparser')))))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(done.stdout.splitlines()[-1]))


def test_import_jakcite_imports_no_part_of_it() -> None:
    assert _modules_after("import jakcite") == {"jakcite"}


def test_loading_the_registry_imports_no_reader_writer_or_engine() -> None:
    loaded = _modules_after("from jakcite.registry import load_formats; load_formats()")
    heavy = {
        m for m in loaded if m.rsplit(".", 1)[-1] in ("reader", "writer", "coverage") or not m.startswith("jakcite")
    }
    assert heavy == set() and "jakcite.builtin_formats.ris" in loaded


def test_version_and_help_import_no_command() -> None:
    loaded = _modules_after("from jakcite.cli import main\ntry:\n    main(['--version'])\nexcept SystemExit:\n    pass")
    assert "jakcite.api" not in loaded and "jakcite.cli.convert" not in loaded


def test_converting_ris_loads_neither_the_csl_engine_nor_other_readers(tmp_path: Path) -> None:
    source = tmp_path / "a.ris"
    source.write_text("TY  - JOUR\nTI  - T\nER  - \n", encoding="utf-8")
    code = f"from jakcite.cli import main\nimport contextlib, io\nwith contextlib.redirect_stdout(io.StringIO()):\n    main(['convert', {str(source)!r}, '--to', 'bibtex'])"
    loaded = _modules_after(code)
    assert "jakcite.builtin_formats.ris.reader" in loaded and "jakcite.builtin_formats.bibtex.writer" in loaded
    assert not any(m.startswith(("jakcite.csl", "citeproc")) for m in loaded)
    assert "jakcite.builtin_formats.medline.reader" not in loaded and "lxml" not in loaded
    assert "jakcite.enrichment" not in loaded  # no --enrich: the network client is not even imported
    assert "jakcite.builtin_formats.bibtex.coverage" not in loaded  # RIS skips no field: not asked


def test_the_command_table_agrees_with_each_command_module() -> None:
    parser = build_parser()
    (sub,) = [a for a in parser._actions if a.dest == "command"]
    helps = {c.dest: c.help for c in sub._choices_actions}
    assert helps == COMMANDS


def test_lazy_resolves_once_and_binds_keywords() -> None:
    fn = Lazy("json:dumps", sort_keys=True)
    assert fn({"b": 1, "a": 2}) == '{"a": 2, "b": 1}'
    assert fn.resolve() is json.dumps
    with pytest.raises(ValueError, match=r"package\.module:name"):
        Lazy("json.dumps")


def test_every_public_name_resolves_lazily() -> None:
    import jakcite

    missing = [name for name in jakcite.__all__ if not hasattr(jakcite, name)]
    assert missing == []
    assert set(jakcite.__all__) <= set(dir(jakcite))


def test_the_command_tunes_the_collector_and_the_library_does_not() -> None:
    probe = (
        "import gc, jakcite\nbefore = gc.get_threshold()\njakcite.formats()\nassert gc.get_threshold() == before\n"
        "from jakcite.cli import main\nimport contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n    main(['formats'])\n"
        "print(gc.get_threshold()[0], gc.get_freeze_count() > 0, before[0])"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.split()[:2] == ["50000", "True"]
    env_off = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "JAKCITE_GC": "default"},
    )
    threshold, _, default = env_off.stdout.split()
    assert threshold == default  # CPython's own default, whatever the version
