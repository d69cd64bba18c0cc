"""One atheris fuzz target: ``python fuzz/target.py FORMAT CORPUS_DIR [libFuzzer options]``."""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import jakcite


def main() -> None:
    """Run libFuzzer on the reader of the format named first on the command line."""
    fmt = sys.argv.pop(1)

    def one_input(data: bytes) -> None:
        try:
            for _ in jakcite.iter_records(data, fmt, strict=False, on_diagnostic=lambda d: None):
                pass
        except jakcite.ParseError:
            pass

    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
