"""The code samples of docs/bibliography.md's citation section run as written."""

from __future__ import annotations

import re

import pytest

from conftest import ROOT

PAGE = ROOT / "docs" / "bibliography.md"


def _section_blocks() -> list[str]:
    text = PAGE.read_text(encoding="utf-8")
    start = text.index("## Citations: clusters, locators, note styles")
    end = text.index("\n## ", start + 1)
    return re.findall(r"```python\n(.*?)```", text[start:end], flags=re.DOTALL)


def test_the_section_has_samples() -> None:
    assert len(_section_blocks()) >= 3


@pytest.mark.parametrize("index", range(len(_section_blocks())))
def test_sample_runs(index: int) -> None:
    code = _section_blocks()[index]
    exec(compile(code, f"{PAGE.name} sample {index + 1}", "exec"), {})
