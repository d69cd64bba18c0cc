"""The ``medline`` format: PubMed's MEDLINE display (``.nbib``), read and written.

The reader is :mod:`.reader`, the writer :mod:`.writer`, the sniffer :mod:`.sniffer`;
the declared losses and the projection are in :mod:`.coverage`, the tags in
:mod:`.vocabulary`.
"""

from __future__ import annotations

from jakcite.builtin_formats.medline.coverage import LOSSES, project
from jakcite.builtin_formats.medline.reader import read
from jakcite.builtin_formats.medline.sniffer import sniff
from jakcite.builtin_formats.medline.writer import write
from jakcite.registry import Coverage, Format, Option

__all__ = ["MEDLINE"]

MEDLINE = Format(
    name="medline",
    description="PubMed MEDLINE display format (.nbib): every documented tag, read and written",
    aliases=("nbib", "pubmed-medline"),
    extensions=(".nbib", ".medline", ".txt"),
    sniff=sniff,
    reader=read,
    writer=write,
    coverage=Coverage(losses=LOSSES, project=project),
    options={
        "width": Option(
            "Column at which long values wrap onto 6-space continuation lines (default 88; 0: never).",
            "int",
            88,
            minimum=0,
        )
    },
)
