"""citeproc-py's private names jakcite builds on are checked at import, with one clear line."""

from __future__ import annotations

import pytest

from jakcite.csl import compat


def test_the_installed_citeproc_has_every_name() -> None:
    compat.check_citeproc()


def test_a_missing_name_is_one_clear_import_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(compat.REQUIRED, "citeproc.string", ("String", "_gone_in_a_new_release"))
    with pytest.raises(
        ImportError, match=r"needs citeproc-py's citeproc\.string\._gone_in_a_new_release, which citeproc-py \S+ lacks"
    ):
        compat.check_citeproc()
