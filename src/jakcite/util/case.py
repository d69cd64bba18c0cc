"""Which words a BibTeX style that changes case would damage (shared by reader and writer)."""

from __future__ import annotations

__all__ = ["needs_case_protection"]


def needs_case_protection(word: str, *, first: bool) -> bool:
    """True when a BibTeX style that lower-cases titles would damage ``word``.

    The rule (titles in biomedicine are sentence case, so a capital is meant):

    * a word with a capital letter after its first character is protected
      (acronyms, gene and protein symbols, chemical formulas: ``JAK``, ``IL-6``,
      ``mRNA``, ``CD4+``, ``BRCA1``, ``H2O``);
    * any word but the title's first that starts with a capital is protected
      (proper names, genus names of species binomials: ``Escherichia coli``, ``Europe``);
    * the first word is left alone when only its first letter is a capital (BibTeX
      keeps the first letter of a title as it is).
    """
    if word.islower():
        return False  # no capital at all (most words of a sentence-case title)
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if any(c.isupper() for c in letters[1:]):
        return True
    return not first and letters[0].isupper()
