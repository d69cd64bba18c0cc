"""Authors, affiliations and collaborators in the forms the page and the text save print them."""

from __future__ import annotations

import re

from jakcite.builtin_formats.pubmed_text.draft import Draft
from jakcite.builtin_formats.pubmed_text.vocabulary import journal_name
from jakcite.model import (
    Collective,
    Person,
)
from jakcite.util.names import initials_of, parse_medline_short_name

AFFILIATION_LINE = re.compile(r"^\(?\d{1,3}\)?\s+\S")


_SHORT_AUTHORS = re.compile(
    r"^(?P<first>[^.,;]{2,80}?)\s+et al\.\s*(?P<journal>[^.]*(?:\.[^.\s][^.]*)*?)?\s*\.?\s*(?P<year>\d{4})?\s*\.?\s*\.?$"
)
#: Without "et al." (one or two authors): ``Anna Novák. Lupus Sci Med. 2021.``
_SHORT_NAMED = re.compile(
    r"^(?P<names>[^.;]{2,120}?)\.\s+(?P<journal>[A-Z][^.]*(?:\.[^.\s][^.]*)*?)\.\s*(?P<year>\d{4})?\s*\.?\s*\.?$"
)


def read_short_author_line(line: str, draft: Draft) -> bool:
    """``Patricia Richter et al. Int J Mol Sci. .`` (first author, journal, maybe the year).

    The page's short header line; without "et al." it names every author
    (``Anna Novák, Jörg Müller. Lupus Sci Med. 2021.``).
    """
    match = _SHORT_AUTHORS.match(line)
    names: list[str] = []
    if match:
        names = [match.group("first")]
    elif not draft.authors:
        named = _SHORT_NAMED.match(line)
        names = [n.strip() for n in named.group("names").split(",")] if named else []
        if not names or len(names) > 2 or not all(_is_full_name(n) for n in names):
            return False
        match = named
    if match is None:
        return False
    if not draft.authors:
        for name in names:
            draft.authors.append(_full_name(name))
            draft.author_affiliation_keys.append([])
        draft.truncated = "et al." in line
    journal = journal_name((match.group("journal") or "").strip(" .") + ".")
    if journal:
        draft.journal_short = journal
    return True


_PARTICLES = {
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "dos",
    "das",
    "le",
    "la",
    "ten",
    "ter",
}


_FULL_AUTHOR_ITEM = re.compile(
    r"^(?P<name>[^\d;,()]+?(?:\s+(?:2nd|3rd|4th))?)(?P<keys>(?:\s+\d{1,3})*)\s*(?P<star>[*#†‡])?\s*$"
)


def read_full_author_line(line: str, draft: Draft, *, single: bool = False) -> bool:
    """``Anna Novák 1 2, Jörg Müller 2; LUPUS-JAK Investigators`` (numbers are affiliation keys).

    One name without a number (``F Burcharth``) is read only when ``single`` says the line
    stands where the author line goes (right after the title).
    """
    if draft.authors or (line.endswith((".", "?", "!")) and not re.search(r"\d\s*$", line.rstrip("."))):
        return False
    persons_part, _, groups_part = line.partition(";")
    items = [item.strip() for item in re.split(r"\s*,\s*", persons_part) if item.strip()]
    parsed: list[tuple[str, list[str]]] = []
    has_keys = False
    mononyms = 0
    for item in items:
        match = _FULL_AUTHOR_ITEM.match(item)
        name = match.group("name") if match else ""
        if _is_mononym(name):
            mononyms += 1  # "Navgeet": PubMed lists people with one name
        elif not _is_full_name(name):
            return False
        assert match is not None
        keys = match.group("keys").split()
        has_keys = has_keys or bool(keys)
        parsed.append((name, keys))
    if mononyms and mononyms * 2 >= len(parsed):
        return False
    if not parsed or (len(parsed) < 2 and not has_keys and not groups_part and not single):
        return False
    for name, keys in parsed:
        draft.authors.append(_full_name(name))
        draft.author_affiliation_keys.append(keys)
    for group in (g.strip() for g in groups_part.split(";")):
        match = _FULL_AUTHOR_ITEM.match(group)
        if group and match:
            draft.authors.append(Collective(match.group("name").strip()))
            draft.author_affiliation_keys.append(match.group("keys").split())
    return True


_ORDINALS = {"2nd", "3rd", "4th"}
#: "S A St Cyr": the family name is "St Cyr".
_SAINT = {"St", "St.", "Ste", "Ste.", "Saint", "Sainte"}
#: Capitalised prefixes that start a family name: "Salah Mohamed El Sayed", "Hala A Abdel Rahman".
_FAMILY_PREFIXES = {"El", "Al", "Abdel", "Abd", "Abu", "Ben", "Da", "Dal", "De", "Del", "Della", "Di", "Dos", "Du"}
_FAMILY_PREFIXES |= {"Van", "Von", "Ter", "Ten", "La"}
#: "el-Shabrawi", "al-Fawaz", "d'Alembert": lower-case prefixes of family names.
_PREFIXED = re.compile(r"^[a-z]{1,3}[-'’]\w")


def _is_mononym(name: str) -> bool:
    return bool(re.fullmatch(r"[^\W\d_][\w'’\-]+", name)) and name[0].isupper()


def _is_full_name(name: str) -> bool:
    words = name.split()
    if not 2 <= len(words) <= 6:
        return False
    return all(
        w[0].isupper() or w.lower() in _PARTICLES or w[0] in "'’" or w in _ORDINALS or _PREFIXED.match(w) for w in words
    )


def _full_name(text: str) -> Person:
    """``Anna Maria Novák`` -> given ``Anna Maria``, family ``Novák``; particles go with the family."""
    words = text.split()
    suffix = None
    if len(words) > 2 and words[-1].rstrip(".") in {"Jr", "Sr", "II", "III", "IV", "2nd", "3rd", "4th"}:
        suffix = words.pop()
    family_start = len(words) - 1
    while family_start > 1 and (
        words[family_start - 1].lower() in _PARTICLES or words[family_start - 1] in _SAINT | _FAMILY_PREFIXES
    ):
        family_start -= 1
    given = " ".join(words[:family_start]) or None
    family = " ".join(words[family_start:])
    return Person(family=family, given=given, initials=initials_of(given) if given else None, suffix=suffix)


def read_affiliations(body: list[str], draft: Draft) -> None:
    """Numbered ``1 Department ...`` lines (one unnumbered line when the page shows a single affiliation)."""
    for line in body:
        if not line:
            continue
        match = re.match(r"^\(?(\d{1,3})\)?\s*(\S.*)$", line)
        if match:
            draft.affiliations[match.group(1)] = match.group(2).strip()
        elif draft.affiliations:
            last = list(draft.affiliations)[-1]
            draft.affiliations[last] += " " + line
        else:
            draft.affiliations[""] = line


def read_collaborators(body: list[str], draft: Draft) -> None:
    """``Group: Name, Name`` or MEDLINE ``Svoboda P, Dvořák M`` lines as investigators."""
    for line in body:
        if not line:
            continue
        _, _, names = line.rpartition(":") if ":" in line else ("", "", line)
        for name in re.split(r"\s*[,;]\s*", names):
            name = re.sub(r"(?:\s+\d{1,3})+$", "", name.strip().rstrip("."))
            if not name:
                continue
            if re.fullmatch(r"(?:[^\W\d_][\w'’\-]*\s+)+[A-Z]{1,4}", name):
                draft.investigators.append(parse_medline_short_name(name))
            elif _is_full_name(name):
                draft.investigators.append(_full_name(name))
            else:
                draft.investigators.append(Collective(name))


_MARKED_AUTHOR = re.compile(r"^(?P<name>.+?)(?P<marks>(?:\(\d{1,3}\))*)$")
_UPPER = "".join(re.escape(c) for c in map(chr, range(0x41, 0x250)) if c.isupper())
#: ``Family AB`` (MEDLINE short form, any script's capitals as initials), or a lone name (``Basappa``).
_MEDLINE_NAME = re.compile(rf"(?:[^\W\d_][\w'’\-]*\s+)+[{_UPPER}]{{1,4}}(?:\s+(?:Jr|Sr|II|III|IV|2nd|3rd))?")
_NAME_ONLY = re.compile(r"(?:[^\W\d_][\w'’\-]*\s+){0,3}[^\W\d_][\w'’\-]+")


def read_medline_authors(text: str, draft: Draft) -> bool:
    """``Novák A(1)(2), Müller J(2); LUPUS-JAK Investigators.`` -> authors with affiliation keys."""
    body = text.strip().rstrip(".")
    persons_part, _, groups_part = body.partition(";")
    people: list[tuple[Person, list[str]]] = []
    with_initials = 0
    for item in (i.strip() for i in persons_part.split(",")):
        match = _MARKED_AUTHOR.match(item)
        name = match.group("name") if match else ""
        if _MEDLINE_NAME.fullmatch(name):
            with_initials += 1
        elif not (_NAME_ONLY.fullmatch(name) and name[0].isupper()):
            if not people and not groups_part and _is_group_only(body):
                draft.authors.append(Collective(body))
                draft.author_affiliation_keys.append([])
                return True
            return False
        assert match is not None
        people.append((parse_medline_short_name(name), re.findall(r"\d+", match.group("marks"))))
    if people and not with_initials:
        return False  # names without initials ("Basappa", "M S Nizam") only next to ones with them
    for person, keys in people:
        draft.authors.append(person)
        draft.author_affiliation_keys.append(keys)
    for group in (g.strip() for g in groups_part.split(";")):
        if group:
            match = _MARKED_AUTHOR.match(group)
            draft.authors.append(Collective(match.group("name") if match else group))
            draft.author_affiliation_keys.append(re.findall(r"\d+", match.group("marks")) if match else [])
    return True


def _is_group_only(text: str) -> bool:
    return len(text.split()) <= 15 and bool(
        re.search(
            r"\b(?:Group|Consortium|Committee|Investigators|Collaborat\w*|Society|Association|Team|Network)\b", text
        )
    )


def read_author_information(block: list[str], draft: Draft) -> None:
    """``Author information:`` with ``(1)...`` lines; wrapped lines continue the previous one."""
    lines = [block[0].split(":", 1)[1].strip(), *block[1:]]
    for line in lines:
        if not line:
            continue
        match = re.match(r"^\((\d{1,3})\)\s*(.*)$", line)
        if match:
            draft.affiliations[match.group(1)] = match.group(2).strip()
        elif draft.affiliations:
            last = list(draft.affiliations)[-1]
            draft.affiliations[last] = f"{draft.affiliations[last]} {line}".strip()
        else:
            draft.affiliations[""] = line
