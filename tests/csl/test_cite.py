"""``jakcite.cite``: clusters of cites, processed in order as one document."""

from __future__ import annotations

from typing import Any

import pytest

import jakcite
from jakcite import Person, Record
from jakcite.csl.clusters import Cite, Cluster, clusters_from

SMITH: dict[str, Any] = {
    "id": "smith2020",
    "type": "book",
    "title": "Alpha",
    "author": [{"family": "Smith", "given": "John"}],
    "issued": {"date-parts": [[2020]]},
}
JONES: dict[str, Any] = {
    "id": "jones2019",
    "type": "book",
    "title": "Beta",
    "author": [{"family": "Jones", "given": "Ann"}],
    "issued": {"date-parts": [[2019]]},
}
UNCITED: dict[str, Any] = {"id": "nobody", "type": "book", "title": "Gamma", "issued": {"date-parts": [[2001]]}}


def test_the_api_is_at_the_top_level() -> None:
    assert jakcite.cite is jakcite.csl.cite
    assert jakcite.bibliography is jakcite.csl.bibliography
    assert jakcite.citations is jakcite.csl.citations
    assert "cite" in jakcite.__all__
    with pytest.raises(AttributeError):
        jakcite.no_such_name  # noqa: B018 - the attribute look-up is the test


def test_a_cluster_of_two_with_a_locator_and_a_prefix() -> None:
    done = jakcite.cite(
        [SMITH, JONES, UNCITED],
        [["smith2020", {"id": "jones2019", "locator": "23", "prefix": "see "}]],
        style="apa",
    )
    assert done.citations == ("(see Jones, 2019, p. 23; Smith, 2020)",)
    # only the cited works, in the style's order
    assert done.bibliography == ("Jones, A. (2019). Beta.", "Smith, J. (2020). Alpha.")


def test_numeric_styles_number_by_first_citation_in_the_document() -> None:
    done = jakcite.cite([SMITH, JONES], [["jones2019"], ["smith2020"], ["jones2019"]], style="vancouver")
    assert done.citations == ("(1)", "(2)", "(1)")
    assert done.bibliography[0].startswith("1. Jones A.")


def test_a_repeated_cite_is_ibid_in_a_note_style() -> None:
    style = _note_style()
    done = jakcite.cite(
        [SMITH, JONES],
        [
            {"cites": ["smith2020"], "note": 1},
            {"cites": [{"id": "smith2020", "locator": "5"}], "note": 2},
            {"cites": ["jones2019"], "note": 3},
            {"cites": ["smith2020"], "note": 4},
        ],
        style=str(style),
    )
    assert done.citations == ("FIRST Smith", "IBID-LOC 5", "FIRST Jones", "SUBSEQUENT Smith")


def test_ibid_follows_the_cites_as_printed_and_note_numbers() -> None:
    style = str(_note_style())
    again = [{"cites": ["smith2020"], "note": 1}, {"cites": ["smith2020"], "note": 9}]
    assert jakcite.cite([SMITH], again, style=style).citations == ("FIRST Smith", "IBID")
    # a citation of two works: the next citation's first cite is not ibid
    pair = [{"cites": ["smith2020", "jones2019"]}, {"cites": ["jones2019"]}]
    assert jakcite.cite([SMITH, JONES], pair, style=style).citations[1] == "SUBSEQUENT Jones"


def _note_style() -> Any:
    import tempfile
    from pathlib import Path

    text = """<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0">
  <info><title>positions</title><id>positions</id><updated>2020-01-01T00:00:00+00:00</updated></info>
  <citation><layout delimiter="; ">
    <choose>
      <if position="ibid-with-locator"><text value="IBID-LOC "/><text variable="locator"/></if>
      <else-if position="ibid"><text value="IBID"/></else-if>
      <else-if position="subsequent"><text value="SUBSEQUENT "/><names variable="author"><name form="short"/></names></else-if>
      <else><text value="FIRST "/><names variable="author"><name form="short"/></names></else>
    </choose>
  </layout></citation>
</style>"""
    folder = Path(tempfile.mkdtemp())
    path = folder / "positions.csl"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_unknown_id_is_an_error_naming_it() -> None:
    with pytest.raises(jakcite.WriteError, match="'ghost'"):
        jakcite.cite([SMITH], [["ghost"]], style="apa")


def test_cites_are_normalised() -> None:
    assert clusters_from(["a", {"id": "b", "locator": 7, "label": "chapter"}]) == [
        Cluster((Cite("a"),)),
        Cluster((Cite("b", locator="7", label="chapter"),)),
    ]
    assert clusters_from([{"cites": ["a", "b"], "note": "3"}]) == [Cluster((Cite("a"), Cite("b")), note=3)]
    with pytest.raises(ValueError, match="unknown key"):
        clusters_from([[{"id": "a", "page": "3"}]])
    with pytest.raises(ValueError, match="an id or a mapping"):
        clusters_from([[3]])


def test_locale_none_is_the_style_default_locale(tmp_path: Any) -> None:
    style = _note_style().read_text(encoding="utf-8")
    style = style.replace('class="note" version="1.0">', 'class="in-text" version="1.0" default-locale="fr-FR">')
    style = style.replace('<text value="FIRST "/>', '<text term="and"/><text value=" "/>')
    path = tmp_path / "french.csl"
    path.write_text(style, encoding="utf-8")
    assert jakcite.cite([SMITH], [["smith2020"]], style=str(path)).citations == ("et Smith",)
    assert jakcite.cite([SMITH], [["smith2020"]], style=str(path), locale="en-US").citations == ("and Smith",)


TRUNCATED = Record(title="Findings", authors=(Person("Richter", given="Patricia"),), authors_truncated=True, key="r")


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("vancouver", "Richter P et al."),
        ("apa", "Richter, P. et al."),
        ("american-medical-association", "Richter P et al."),
        ("nature", "Richter, P. et al."),
        ("ieee", "P. Richter et al."),
        ("modern-language-association", "Richter, Patricia, et al."),
    ],
)
def test_a_truncated_author_list_prints_et_al(style: str, expected: str) -> None:
    entry = jakcite.bibliography([TRUNCATED], style=style)[0]
    assert expected in entry
    assert "et al." in jakcite.cite([TRUNCATED], [["r"]], style="apa").citations[0]


def test_a_complete_single_author_list_has_no_et_al() -> None:
    complete = Record(title="Findings", authors=(Person("Richter", given="Patricia"),), key="r")
    assert "et al" not in jakcite.bibliography([complete], style="vancouver")[0]


SMITH_2021: dict[str, Any] = {**SMITH, "id": "smith2021", "title": "Gamma", "issued": {"date-parts": [[2021]]}}


def test_suppress_author_and_author_only() -> None:
    done = jakcite.cite(
        [SMITH, JONES],
        [[{"id": "smith2020", "suppress-author": True, "locator": "4"}], [{"id": "jones2019", "author-only": True}]],
        style="apa",
    )
    assert done.citations == ("(2020, p. 4)", "Jones")


def test_cites_of_one_author_collapse_in_an_author_date_style() -> None:
    done = jakcite.cite(
        [SMITH, JONES, SMITH_2021], [["smith2020", "jones2019", "smith2021"]], style="chicago-author-date"
    )
    assert done.citations == ("(Smith 2020, 2021; Jones 2019)",)  # grouped where the first stands


def test_consecutive_citation_numbers_collapse_to_a_range() -> None:
    items = [{**SMITH, "id": f"w{n}", "title": f"Work {n}"} for n in range(5)]
    document = [[f"w{n}"] for n in range(5)] + [["w0", "w1", "w2", "w4"], ["w1", "w0"]]
    done = jakcite.cite(items, document, style="american-medical-association")
    assert done.citations[5:] == ("1–3,5", "1,2")


def _people(*names: tuple[str, str]) -> list[dict[str, str]]:
    return [{"family": family, "given": given} for family, given in names]


def test_works_citing_alike_are_told_apart_by_names() -> None:
    # chicago-author-date adds names, then given names, then year suffixes
    first = {**SMITH, "id": "a", "author": _people(("Smith", "John"), ("Brown", "Ann"), ("Jones", "Bo"), ("Lee", "Cy"))}
    second = {**SMITH, "id": "b", "author": _people(("Smith", "John"), ("Roe", "Al"), ("Jones", "Bo"), ("Lee", "Cy"))}
    done = jakcite.cite([first, second], [["a", "b"]], style="chicago-author-date")
    assert done.citations == ("(Smith, Brown, et al. 2020; Smith, Roe, et al. 2020)",)
    john = {**SMITH, "id": "c", "author": _people(("Smith", "John"))}
    jane = {**SMITH, "id": "d", "title": "Other", "author": _people(("Smith", "Jane"))}
    done = jakcite.cite([john, jane], [["c", "d"]], style="chicago-author-date")
    assert done.citations == ("(John Smith 2020; Jane Smith 2020)",)  # no cs:sort: the given order


def test_real_style_bugs_of_the_issue() -> None:
    article = {**SMITH, "type": "article-journal", "title": "Why cells divide: a subtitle", "container-title": "Cell"}
    # chicago: no stray "Edition." for a work without an edition
    assert "dition" not in jakcite.bibliography([article], style="chicago-author-date")[0]
    # MLA: the short title (before the subtitle), and only when the author has several works
    other = {**JONES, "type": "article-journal", "title": "Tissues: another subtitle", "container-title": "Cell"}
    third = {**other, "id": "jones2021", "title": "Organs: more", "issued": {"date-parts": [[2021]]}}
    done = jakcite.cite(
        [article, other, third], [["smith2020"], ["jones2019"], ["jones2021"]], style="modern-language-association"
    )
    assert done.citations == ("(Smith)", "(Jones, “Tissues”)", "(Jones, “Organs”)")
