"""`make fuzz`: long coverage-guided fuzzing of every reader with atheris.

Usage: ``python fuzz/run.py [FORMAT] [-- atheris/libFuzzer options]``; default is every
readable format in turn, 60 s each (``-max_total_time``).  Any exception other than
``jakcite.ParseError`` is a crash and is reported by libFuzzer with the input that caused it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FORMATS = ["csl-json", "pubmed-text", "medline", "pubmed-xml", "bibtex", "ris"]


def main() -> int:
    """Fuzz each format in its own process (libFuzzer owns the process)."""
    args = sys.argv[1:]
    names = [a for a in args if not a.startswith("-")] or FORMATS
    options = [a for a in args if a.startswith("-")] or ["-max_total_time=60"]
    failed = 0
    for name in names:
        print(f"== fuzzing {name}", flush=True)
        corpus = HERE / "corpus" / name
        corpus.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([sys.executable, str(HERE / "target.py"), name, str(corpus), *options])
        failed += done.returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
