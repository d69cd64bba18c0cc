"""`make demo`: convert the bundled fixtures into every output format under out/.

Inputs are the files directly in the fixtures folder (the two seeds and any other bundled
examples); each readable input is written once per writable format.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jakcite
from jakcite.registry import detect_format
from jakcite.sources import Source

EXTENSIONS = {
    "bibtex": ".bib",
    "biblatex": ".biblatex.bib",
    "ris": ".ris",
    "csl-json": ".json",
    "medline": ".nbib",
    "bibliography": ".vancouver.txt",
}


def main(fixtures: Path, out: Path) -> int:
    """Convert each fixture; print one line per output file."""
    out.mkdir(parents=True, exist_ok=True)
    writable = [f for f in jakcite.formats().values() if f.can_write]
    inputs = sorted(
        p for p in fixtures.iterdir() if p.is_file() and p.suffix in {".txt", ".nbib", ".xml", ".ris", ".bib", ".json"}
    )
    failures = 0
    for path in inputs:
        try:
            fmt = detect_format(Source.from_any(path))
            records = jakcite.read(path, fmt)
        except jakcite.JakciteError as exc:
            print(f"skip {path.name}: {exc}")
            continue
        print(f"{path.name}: {len(records)} record(s) as {fmt.name}")
        for target in writable:
            dest = out / (path.stem + EXTENSIONS.get(target.name, "." + target.name))
            try:
                jakcite.write(records, target, dest)
            except jakcite.JakciteError as exc:
                failures += 1
                print(f"  FAILED {target.name}: {exc}")
                continue
            print(f"  -> {dest}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
