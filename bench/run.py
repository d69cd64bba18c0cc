"""`make bench`: speed and memory of jakcite against baselines measured in the same run.

Every figure is a ratio against a baseline measured here and now (machines are noisy):
the physical floor (bare lxml iterparse), and peers doing the same job (Biopython,
bibutils, citation-js, bibtexparser, rispy, json, stock citeproc-py).
"""

from __future__ import annotations

import gzip
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from harness import AGGREGATE, DATA, ROOT, print_table, row, run_alternating, run_python, run_shell

N_LARGE = 30_000


def build_inputs() -> dict[str, Path]:
    """The aggregate (1,066 records) uncompressed, a 30,000-record file with fresh PMIDs,
    and MEDLINE/RIS/BibTeX/CSL-JSON files written by jakcite from the aggregate."""
    DATA.mkdir(parents=True, exist_ok=True)
    small = DATA / "aggregate-1k.xml"
    large = DATA / "pubmed-30k.xml"
    if not small.exists():
        small.write_bytes(gzip.decompress(AGGREGATE.read_bytes()))
    if not large.exists():
        _build_large(small.read_text(encoding="utf-8"), large, N_LARGE)
    paths = {"xml-1k": small, "xml-30k": large}
    import jakcite

    records = jakcite.read(small)
    for name, ext in (("bibtex", ".bib"), ("ris", ".ris"), ("csl-json", ".json"), ("medline", ".nbib")):
        path = DATA / f"aggregate-1k{ext}"
        if not path.exists():
            jakcite.write(records, name, path)
        paths[name] = path
    return paths


def _build_large(text: str, dest: Path, count: int) -> None:
    """Repeat the aggregate's articles with fresh PMIDs until ``count`` records."""
    first = re.search(r"<Pubmed(?:Book)?Article>", text)  # not <PubmedArticleSet>
    assert first is not None, "no PubmedArticle in the aggregate"
    start = first.start()
    end = text.rindex("</PubmedArticleSet>")
    head, body = text[:start], text[start:end]
    articles = re.findall(r"<Pubmed(?:Book)?Article>.*?</Pubmed(?:Book)?Article>", body, flags=re.S)
    pmid_re = re.compile(r'(<PMID Version="\d+">)(\d+)(</PMID>)')
    with open(dest, "w", encoding="utf-8") as out:
        out.write(head)
        for i in range(count):
            article = articles[i % len(articles)]
            fresh = 90_000_000 + i
            out.write(pmid_re.sub(lambda m, pmid=fresh: f"{m.group(1)}{pmid}{m.group(3)}", article, count=1))
            out.write("\n")
        out.write("</PubmedArticleSet>\n")


def _floor_snippet(xml: Path, *, touch: bool = False) -> tuple[str, str]:
    """Bare lxml iterparse over ``xml``: clear each record, touch nothing.

    With ``touch``, each element's tag, attributes and text are looked at once (the least a
    reader that keeps the record's content must do).
    """
    visit = "for e in el.iter(): e.tag, e.attrib, e.text" if touch else "pass"
    body = f"""
        N = 0
        for _, el in etree.iterparse({str(xml)!r}, events=("end",), tag=("PubmedArticle", "PubmedBookArticle"), resolve_entities=False, no_network=True):
            N += 1
            {visit}
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]
        """
    return "from lxml import etree", body


def _conversion_snippet(xml: Path, name: str) -> tuple[str, str]:
    """PubMed XML streamed through ``name``'s writer to /dev/null."""
    body = f"""
        N = 0
        def counted():
            global N
            for r in jakcite.iter_records({str(xml)!r}):
                N += 1
                yield r
        with open(os.devnull, "w") as out:
            jakcite.write(counted(), {name!r}, out)
        """
    return _PLUGINS + "; import os", body


def xml_rows(paths: dict[str, Path]) -> list[dict[str, Any]]:
    """PubMed XML: floor, reading, full conversions, Biopython, memory 1k vs 30k.

    The floor and every operation compared with it run in turn (:func:`harness.run_alternating`).
    """
    xml = paths["xml-1k"]
    size = xml.stat().st_size
    writers = ("bibtex", "ris", "csl-json")
    # Plugins are loaded in setup, as the floor's lxml import is: a rate, not start-up (its own row).
    read = (_PLUGINS, f"N = sum(1 for _ in jakcite.iter_records({str(xml)!r}))")
    floor, touched, model, ours, *conversions = run_alternating(
        [
            _floor_snippet(xml),
            _floor_snippet(xml, touch=True),
            _construction_snippet(xml, "pubmed-xml"),
            read,
            *(_conversion_snippet(xml, name) for name in writers),
        ],
        repeat=5,
    )
    bound = {**model, "seconds": floor["seconds"] + model["seconds"]}
    touched_bound = {**model, "seconds": touched["seconds"] + model["seconds"]}

    def versus_floor(label: str, result: dict[str, Any], target: str) -> dict[str, Any]:
        return row(label, result, size, f"floor MB/s ({target})", floor["seconds"] / result["seconds"])

    rows = [
        row("floor: lxml iterparse, clear, touch nothing", floor, size),
        startup_row(),
        versus_floor("lower bound: floor + constructing the model objects", bound, "no reader can do better"),
        versus_floor("  ... + looking at each element once", touched_bound, "no reader that keeps it all can"),
        versus_floor("jakcite: PubMed XML -> model", ours, "target >= 0.40"),
    ]
    for name, result in zip(writers, conversions, strict=True):
        rows.append(versus_floor(f"jakcite: PubMed XML -> {name}", result, "target >= 0.30"))
    rows += biopython_rows(paths)
    rows += pubmed_parser_rows()
    rows += memory_rows(xml, paths["xml-30k"])
    return rows


#: jakcite imported and its format plugins loaded (every reader and writer module imported).
_PLUGINS = "import jakcite; jakcite.formats()"


def startup_row() -> dict[str, Any]:
    """What the first read pays once: importing jakcite and loading its format plugins."""
    startup = run_python("", _PLUGINS + "; N = 0", repeat=3)
    return row("start-up: import jakcite, load format plugins", startup, None)


def command_rows() -> list[dict[str, Any]]:
    """The command as a user starts it, whole process, against ``python -c pass`` in the same run."""
    jakcite = Path(sys.executable).parent / "jakcite"
    seed = ROOT / "fixtures" / "002_7103ea8e518ac3d2.txt"
    # As installed: bytecode compiled (pip does it; PYTHONDONTWRITEBYTECODE would make each
    # run recompile every module, which no user's installed jakcite does).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "src")], check=True, capture_output=True)
    bare = run_shell(f"{sys.executable} -c pass", 0, repeat=5)
    version = run_shell(f"{jakcite} --version", 0, repeat=5)
    convert = run_shell(f"{jakcite} convert {seed} --to bibtex > /dev/null", 1, repeat=5)
    rows = [row("baseline: python -c pass", bare, None)]
    rows.append(
        row(
            "command: jakcite --version (target <= 0.10 s)",
            version,
            None,
            "time / python -c pass",
            version["seconds"] / bare["seconds"],
        )
    )
    rows.append(
        row(
            "command: convert one seed page -> bibtex (target <= 0.25 s)",
            convert,
            seed.stat().st_size,
            "time / python -c pass",
            convert["seconds"] / bare["seconds"],
        )
    )
    rows += gc_rows(jakcite)
    rows += jobs_rows(jakcite)
    return rows


def jobs_rows(jakcite: Path) -> list[dict[str, Any]]:
    """``--jobs``: eight copies of the aggregate converted by one process and by every core."""
    small = DATA / "aggregate-1k.xml"
    if not small.exists():
        small.write_bytes(gzip.decompress(AGGREGATE.read_bytes()))
    copies = []
    for i in range(8):
        copy = DATA / f"jobs-{i}.xml"
        if not copy.exists():
            shutil.copy(small, copy)
        copies.append(str(copy))
    cores = os.cpu_count() or 1
    base = f"{jakcite} convert {' '.join(copies)} --to bibtex -q -o {DATA / 'jobs.bib'}"
    serial = run_shell(f"{base} -j 1", 8 * 1066, repeat=2)
    pooled = run_shell(f"{base} -j {cores}", 8 * 1066, repeat=2)
    size = 8 * small.stat().st_size
    return [
        row("command: 8 PubMed XML files -> bibtex, -j 1", serial, size),
        row(
            f"command: the same, -j {cores} (the machine's cores)",
            pooled,
            size,
            f"time / -j 1 (ideal 1/{cores})",
            pooled["seconds"] / serial["seconds"],
        ),
    ]


def gc_rows(jakcite: Path) -> list[dict[str, Any]]:
    """The command's collector set-up (gc.freeze, a young generation of 50,000) against
    CPython's default (``JAKCITE_GC=default``) on the aggregate, turn about."""
    DATA.mkdir(parents=True, exist_ok=True)
    out = DATA / "gc-check.bib"
    tuned_cmd = f"{jakcite} convert {AGGREGATE} --to bibtex -q -o {out}"
    tuned: dict[str, Any] | None = None
    default: dict[str, Any] | None = None
    for _ in range(3):  # alternate, so that a slow minute lands on both sides
        t = run_shell(tuned_cmd, 1066)
        d = run_shell(f"JAKCITE_GC=default {tuned_cmd}", 1066)
        tuned = t if tuned is None or t["seconds"] < tuned["seconds"] else tuned
        default = d if default is None or d["seconds"] < default["seconds"] else default
    assert tuned is not None and default is not None
    size = AGGREGATE.stat().st_size
    return [
        row("command: convert aggregate -> bibtex, CPython's gc defaults", default, size),
        row(
            "command: convert aggregate -> bibtex, the command's gc set-up",
            tuned,
            size,
            "time / with gc defaults (target < 1)",
            tuned["seconds"] / default["seconds"],
        ),
    ]


def _construction_snippet(path: Path, name: str) -> tuple[str, str]:
    """Setup and body timing only the model's constructors on what reading ``path`` gave."""
    setup = f"""
        import sys, warnings
        sys.path.insert(0, "bench")
        warnings.simplefilter("ignore")
        import jakcite, model_floor
        records = list(jakcite.read({str(path)!r}, {name!r}))
        calls = model_floor.constructor_calls(records)
        """
    return setup, "model_floor.construct(calls); N = len(records)"


def memory_rows(small: Path, large: Path) -> list[dict[str, Any]]:
    """Peak RSS converting the 1k and the 30k XML file with each writer (target <= 1.3x)."""
    rows = []
    for name in ("bibtex", "ris", "csl-json", "medline"):
        rss_small = None
        for label, path, count in (("1k", small, 1066), ("30k", large, N_LARGE)):
            mem = run_python(
                "import jakcite, os",
                f"""
                with open(os.devnull, "w") as out:
                    jakcite.write(jakcite.iter_records({str(path)!r}), {name!r}, out)
                N = {count}
                """,
            )
            rows.append(row(f"memory: PubMed XML -> {name}, {label} records", mem, path.stat().st_size))
            if rss_small is None:
                rss_small = mem["peak_rss_mb"]
            else:
                rows[-1]["baseline"] = "peak RSS of the 1k run (target <= 1.30)"
                rows[-1]["ratio"] = mem["peak_rss_mb"] / rss_small
    return rows


def _try(setup: str, body: str, what: str, repeat: int = 2) -> dict[str, Any] | None:
    """Run a peer's snippet; a peer that cannot process the input is reported, not fatal."""
    try:
        return run_python(setup, body, repeat=repeat)
    except RuntimeError as exc:
        print(f"({what} failed on this input: {str(exc).strip().splitlines()[-1]})")
        return None


def _biopython_readable(xml: Path) -> Path:
    """The aggregate's records that Biopython's Entrez parser accepts, as one file."""
    dest = DATA / "aggregate-biopython.xml"
    if dest.exists():
        return dest
    from io import BytesIO

    from Bio import Entrez

    text = xml.read_text(encoding="utf-8")
    first = re.search(r"<Pubmed(?:Book)?Article>", text)
    assert first is not None, "no PubmedArticle in the aggregate"
    head, tail = text[: first.start()], "</PubmedArticleSet>\n"
    kept = []
    for article in re.findall(r"<Pubmed(?:Book)?Article>.*?</Pubmed(?:Book)?Article>", text, flags=re.S):
        try:
            Entrez.read(BytesIO((head + article + tail).encode("utf-8")), validate=False)
        except Exception:  # noqa: BLE001 - whatever Biopython refuses is left out, for both sides
            continue
        kept.append(article)
    dest.write_text(head + "\n".join(kept) + "\n" + tail, encoding="utf-8")
    return dest


def biopython_rows(paths: dict[str, Path]) -> list[dict[str, Any]]:
    """Biopython on the same PubMed XML (Entrez) and on the MEDLINE file we wrote (Medline)."""
    try:
        importlib.import_module("Bio.Entrez")
    except ImportError:
        print("(Biopython not installed: pip install biopython)")
        return []
    rows = []
    xml, nbib = paths["xml-1k"], paths["medline"]
    # Biopython 1.8x reads a PubmedArticleSet as one dict (Entrez.parse wants a list), and
    # refuses the whole file for one old-style record (<Affiliation> right under <Author>);
    # both sides then read the records it can, the same file.
    readable = _biopython_readable(xml)
    bio = _try(
        "from Bio import Entrez",
        f"""
        with open({str(readable)!r}, "rb") as handle:
            data = Entrez.read(handle, validate=False)
        N = len(data.get("PubmedArticle", [])) + len(data.get("PubmedBookArticle", []))
        """,
        "peer: Biopython Entrez.read",
    )
    if bio is not None:
        ours = run_python("import jakcite", f"N = sum(1 for _ in jakcite.iter_records({str(readable)!r}))", repeat=3)
        rows += _versus("peer: Biopython Entrez.read", bio, "jakcite: the same XML -> model", ours, readable)
        rows[-1].update(baseline="Biopython time / jakcite time (target > 1)", ratio=bio["seconds"] / ours["seconds"])
    medline = _try(
        "from Bio import Medline",
        f"N = sum(1 for _ in Medline.parse(open({str(nbib)!r}, encoding='utf-8')))",
        "peer: Biopython Medline.parse",
    )
    ours = run_python("import jakcite", f"N = len(jakcite.read({str(nbib)!r}, 'medline'))", repeat=2)
    if medline is not None:
        rows += _versus(
            "peer: Biopython Medline.parse (dicts of strings)", medline, "jakcite: read our MEDLINE", ours, nbib
        )
        rows[-1].update(baseline="time / Biopython time", ratio=ours["seconds"] / medline["seconds"])
    return rows


def pubmed_parser_rows() -> list[dict[str, Any]]:
    """pubmed_parser's parse_medline_xml (dicts of strings, a generator in 0.5) on the same XML file."""
    xml = AGGREGATE  # pubmed_parser 0.5 opens every file as gzip: both read the .xml.gz
    peer = _try(
        "import pubmed_parser as pp",
        f"N = sum(1 for _ in pp.parse_medline_xml({str(xml)!r}))",
        "peer: pubmed_parser parse_medline_xml",
    )
    if peer is None:  # _try has said why (not installed: pip install pubmed-parser)
        return []
    ours = run_python("import jakcite", f"N = len(jakcite.read({str(xml)!r}, 'pubmed-xml'))", repeat=2)
    rows = _versus(
        "peer: pubmed_parser parse_medline_xml (dicts of strings)", peer, "jakcite: read the same XML", ours, xml
    )
    rows[-1].update(baseline="time / pubmed_parser time (target <= 1)", ratio=ours["seconds"] / peer["seconds"])
    return rows


def _versus(
    peer_label: str, peer: dict[str, Any], label: str, ours: dict[str, Any], path: Path
) -> list[dict[str, Any]]:
    """A peer's row and ours on the same input (the caller sets the ratio's direction)."""
    size = path.stat().st_size
    return [row(peer_label, peer, size), row(label, ours, size)]


def reread_rows(paths: dict[str, Path]) -> list[dict[str, Any]]:
    """Reading our own BibTeX/RIS/CSL-JSON against the bare parsers (target <= 1.5x)."""
    rows = []
    peers = {
        "bibtex": (
            "import bibtexparser",
            "N = len(bibtexparser.parse_string(open({p!r}, encoding='utf-8').read()).entries)",
        ),
        "ris": ("import rispy", "N = len(rispy.load(open({p!r}, encoding='utf-8')))"),
        "csl-json": ("import json", "N = len(json.load(open({p!r}, encoding='utf-8')))"),
    }
    for name, (setup, body) in peers.items():
        path = paths[name]
        size = path.stat().st_size
        # Loading the format plugins imports every reader (and bibtexparser, pylatexenc...):
        # jakcite's import, set up outside the timed body as the peer's import is.
        peer, ours, model = run_alternating(
            [
                (setup, body.format(p=str(path))),
                (_PLUGINS, f"N = len(jakcite.read({str(path)!r}, {name!r}))"),
                _construction_snippet(path, name),
            ],
            repeat=5,
        )
        bound = peer["seconds"] + model["seconds"]
        rows.append(row(f"peer: {setup.split()[-1]} alone on our {name}", peer, size))
        rows.append(
            row(
                f"lower bound: {setup.split()[-1]} + constructing the model objects",
                {**model, "seconds": bound},
                size,
                "time / peer time (no reader can do better)",
                bound / peer["seconds"],
            )
        )
        rows.append(
            row(
                f"jakcite: read our {name}",
                ours,
                size,
                "time / peer time (target <= 1.5)",
                ours["seconds"] / peer["seconds"],
            )
        )
    return rows


def peer_tool_rows(paths: dict[str, Path]) -> list[dict[str, Any]]:
    """bibutils and citation-js doing the same conversions."""
    rows = []
    n = 1066
    nbib = paths["medline"]
    if shutil.which("med2xml") and shutil.which("xml2bib"):
        peer = run_shell(f"med2xml {nbib} | xml2bib > /dev/null", n, repeat=2)
        ours = run_python(
            "import jakcite, os",
            f"N = len(jakcite.read({str(nbib)!r}, 'medline')); jakcite.write(jakcite.read({str(nbib)!r}, 'medline'), 'bibtex', open(os.devnull, 'w'))",
            repeat=2,
        )
        rows.append(row("peer: bibutils med2xml | xml2bib", peer, nbib.stat().st_size))
        rows.append(
            row(
                "jakcite: MEDLINE -> bibtex (incl. start-up)",
                ours,
                nbib.stat().st_size,
                "bibutils time / jakcite time",
                peer["seconds"] / ours["seconds"],
            )
        )
    node_modules = ROOT / "tests" / "js" / "node_modules"
    csl = paths["csl-json"]
    if shutil.which("node") and node_modules.exists():
        for target, fmt in (("bibtex", "bibtex"), ("ris", "ris")):
            script = (
                "const {Cite}=require('@citation-js/core');require('@citation-js/plugin-bibtex');require('@citation-js/plugin-ris');"
                f"const d=require('fs').readFileSync({str(csl)!r},'utf8');new Cite(JSON.parse(d)).format({fmt!r});"
            )
            peer = run_shell(f'cd tests/js && node -e "{script}"', n, repeat=2)
            ours = run_python(
                "import jakcite, os",
                f"r = jakcite.read({str(csl)!r}, 'csl-json'); jakcite.write(r, {target!r}, open(os.devnull, 'w')); N = len(r)",
                repeat=2,
            )
            rows.append(row(f"peer: citation-js CSL-JSON -> {target}", peer, csl.stat().st_size))
            rows.append(
                row(
                    f"jakcite: CSL-JSON -> {target}",
                    ours,
                    csl.stat().st_size,
                    "citation-js time / jakcite time",
                    peer["seconds"] / ours["seconds"],
                )
            )
    return rows


def main() -> int:
    """Build the inputs, run every benchmark, print one table."""
    if not AGGREGATE.exists():
        print(f"benchmark input not found: {AGGREGATE}")
        return 1
    paths = build_inputs()
    rows = command_rows() + xml_rows(paths) + reread_rows(paths) + peer_tool_rows(paths)
    try:
        bibliography = importlib.import_module("bench_bibliography")
        rows += (
            bibliography.main(print_rows=False)
            if "print_rows" in bibliography.main.__code__.co_varnames
            else bibliography.main()
        )
    except ImportError:
        print("(bench_bibliography not available)")
    print()
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
