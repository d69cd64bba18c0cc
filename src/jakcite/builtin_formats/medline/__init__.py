"""The ``medline`` format: PubMed's MEDLINE display (``.nbib``), read and written.

The reader is :mod:`.reader`, the writer :mod:`.writer`, the sniffer :mod:`.sniffer`;
the declared losses and the projection are in :mod:`.coverage`, the tags in
:mod:`.vocabulary`.
"""

from __future__ import annotations

from jakcite.registry import Coverage, Format, Lazy, Option

__all__ = ["MEDLINE"]


def _coverage() -> Coverage:
    from jakcite.builtin_formats.medline.coverage import LOSSES, project

    return Coverage(losses=LOSSES, project=project)


MEDLINE = Format(
    name="medline",
    description="PubMed MEDLINE display format (.nbib): every documented tag, read and written",
    aliases=("nbib", "pubmed-medline"),
    extensions=(".nbib", ".medline", ".txt"),
    sniff=Lazy("jakcite.builtin_formats.medline.sniffer:sniff"),
    reader=Lazy("jakcite.builtin_formats.medline.reader:read"),
    writer=Lazy("jakcite.builtin_formats.medline.writer:write"),
    coverage=_coverage,
    options={
        "width": Option(
            "Column at which long values wrap onto 6-space continuation lines (default 88; 0: never).",
            "int",
            88,
            minimum=0,
        )
    },
)
