"""A third-party format plugs in through the entry-point group, without touching jakcite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import jakcite
from jakcite import registry

PLUGIN = Path(__file__).parents[1] / "plugin_example" / "jakcite_tsv_plugin.py"


@pytest.fixture
def installed_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Install the plugin as a distribution (module + dist-info with its entry point)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(PLUGIN, site / PLUGIN.name)
    dist = site / "jakcite_tsv_plugin-1.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: jakcite-tsv-plugin\nVersion: 1.0\n")
    (dist / "entry_points.txt").write_text("[jakcite.formats]\ntsv-pmid = jakcite_tsv_plugin:TSV\n")
    monkeypatch.syspath_prepend(str(site))
    registry.load_formats(reload=True)
    yield site
    monkeypatch.undo()
    registry.load_formats(reload=True)


def test_plugin_is_listed_and_used_by_the_api(installed_plugin: Path, tmp_path: Path) -> None:
    assert "tsv-pmid" in jakcite.formats()
    data = tmp_path / "in.tsvp"
    data.write_text("#tsv-pmid\n123\tA title\n456\tAnother\n", encoding="utf-8")
    records = jakcite.read(data)  # detected by extension
    assert [r.ids.pmid for r in records] == ["123", "456"]
    assert records[0].provenance.format == "tsv-pmid"
    assert jakcite.write(records, "tsv-pmid") == "#tsv-pmid\n123\tA title\n456\tAnother\n"


def test_plugin_works_through_the_command(installed_plugin: Path, tmp_path: Path) -> None:
    data = tmp_path / "in.txt"
    data.write_text("#tsv-pmid\n789\tFrom the command\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(installed_plugin), os.environ.get("PYTHONPATH", "")]))
    listed = subprocess.run(
        [sys.executable, "-m", "jakcite", "formats"], env=env, capture_output=True, text=True, check=True
    )
    assert "tsv-pmid" in listed.stdout
    out = subprocess.run(
        [sys.executable, "-m", "jakcite", "convert", str(data), "--from", "tsv-pmid", "--to", "tsv-pmid"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "#tsv-pmid\n789\tFrom the command\n"


def test_broken_plugin_rows_are_parse_errors_naming_the_line(installed_plugin: Path) -> None:
    with pytest.raises(jakcite.ParseError) as info:
        jakcite.read("#tsv-pmid\n1\tok\nno tab here\n", "tsv-pmid")
    assert info.value.line == 3
    assert str(info.value).startswith("<string>:3: expected PMID<TAB>title")
    lenient = jakcite.read("#tsv-pmid\n1\tok\nno tab here\n2\tfine\n", "tsv-pmid", strict=False)
    assert [r.ids.pmid for r in lenient] == ["1", "2"]
    assert len(lenient.skipped) == 1 and lenient.skipped[0].line == 3
