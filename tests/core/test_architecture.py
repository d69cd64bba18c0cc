"""The shape of the code, as rules a change cannot break silently.

- the model imports nothing from jakcite; the shared layer (util, errors, sources, registry,
  markup) imports no format, no engine and no front end;
- a format package imports no other format package, and inside one its reader does not
  reach its writer (nor the writer its reader);
- every format package names its parts alike (``read``, ``write``, ``sniff``, ``project``);
- no import cycle outside the CSL engine, and no function over 60 lines outside it.

The import graph is read from the source with :mod:`ast` (imports inside functions count:
a lazy import is still an arrow), so the rules hold whatever is imported at run time.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pytest

from jakcite.registry import Format

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGE = SRC / "jakcite"
FORMATS = "jakcite.builtin_formats"
#: The shared layer every format stands on.
SHARED = ("jakcite.model", "jakcite.errors", "jakcite.sources", "jakcite.registry", "jakcite.markup", "jakcite.util")
#: What sits above the formats and must never be imported from below.
ABOVE = (
    FORMATS,
    "jakcite.csl",
    "jakcite.cli",
    "jakcite.api",
    "jakcite.check",
    "jakcite.testing",
    "jakcite.enrichment",
)
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def all_modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported_modules(path: Path, known: Mapping[str, Path]) -> set[str]:
    """Every jakcite module this file imports, at any depth of its code."""
    this = module_name(path)
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = this.split(".") if is_package else this.split(".")[:-1]
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                # `from pkg import sub` names the submodule when there is one.
                sub = f"{base}.{alias.name}"
                found.add(sub if sub in known else base)
    return {name for name in found if name in known and name != this}


def import_graph() -> dict[str, set[str]]:
    known = all_modules()
    return {name: imported_modules(path, known) for name, path in known.items()}


def within(name: str, prefixes: Iterable[str]) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def format_package(name: str) -> str | None:
    """``jakcite.builtin_formats.ris.reader`` -> ``jakcite.builtin_formats.ris``."""
    parts = name.split(".")
    return ".".join(parts[:3]) if name.startswith(FORMATS + ".") and len(parts) >= 3 else None


def cycles(graph: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in graph.get(node, ()):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def reachable(graph: Mapping[str, set[str]], start: str, inside: str) -> set[str]:
    """Modules reached from ``start`` through imports that stay inside one package."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        for succ in graph.get(todo.pop(), set()):
            if succ not in seen and within(succ, [inside]):
                seen.add(succ)
                todo.append(succ)
    return seen


GRAPH = import_graph()


def test_the_graph_is_read() -> None:
    # Guards the rules below against passing on an empty or broken graph.
    assert "jakcite.builtin_formats.ris.reader" in GRAPH
    assert "jakcite.model" in GRAPH["jakcite.registry"]
    assert any(within(m, [FORMATS]) for m in GRAPH["jakcite.builtin_formats.ris"])


def test_the_model_imports_nothing_from_jakcite() -> None:
    assert GRAPH["jakcite.model"] == set()


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if within(m, SHARED)))
def test_the_shared_layer_imports_nothing_above_it(module: str) -> None:
    above = sorted(m for m in GRAPH[module] if within(m, ABOVE))
    assert above == [], f"{module} imports {above}"


@pytest.mark.parametrize("module", sorted(m for m in GRAPH if format_package(m)))
def test_no_format_imports_another_format(module: str) -> None:
    own = format_package(module)
    others = sorted(m for m in GRAPH[module] if format_package(m) not in (None, own))
    assert others == [], f"{module} imports {others}"


PACKAGES = sorted({p for m in GRAPH if (p := format_package(m))})


@pytest.mark.parametrize("package", PACKAGES)
def test_a_reader_never_reaches_its_writer(package: str) -> None:
    reader, writer = f"{package}.reader", f"{package}.writer"
    if reader in GRAPH:
        assert writer not in reachable(GRAPH, reader, package) | {reader}
    if writer in GRAPH:
        assert reader not in reachable(GRAPH, writer, package) | {writer}


#: The name each kind of module in a format package defines.
#: (``project`` only where a round trip exists: a read-only or write-only format has none.)
UNIFORM_NAMES = {"reader": ("read",), "writer": ("write",), "sniffer": ("sniff",), "coverage": ("LOSSES",)}


@pytest.mark.parametrize("package", PACKAGES)
def test_format_packages_name_their_parts_alike(package: str) -> None:
    folder = PACKAGE.joinpath(*package.split(".")[1:])
    assert (folder / "__init__.py").is_file()
    for module, names in UNIFORM_NAMES.items():
        path = folder / f"{module}.py"
        if not path.is_file():
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        defined = {n.name for n in tree.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
        defined |= {t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets if isinstance(t, ast.Name)}
        defined |= {n.target.id for n in tree.body if isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name)}
        missing = [name for name in names if name not in defined]
        if module == "coverage" and (folder / "reader.py").is_file() and (folder / "writer.py").is_file():
            missing += [] if "project" in defined else ["project"]
        assert missing == [], f"{path.relative_to(SRC)} defines none of {missing}"


def test_every_format_package_is_registered_by_entry_point() -> None:
    pyproject = (SRC.parent / "pyproject.toml").read_text(encoding="utf-8")
    for package in PACKAGES:
        assert f'"{package}:' in pyproject, f"{package} has no entry point"


def test_the_entry_points_named_in_the_contributing_guide_exist() -> None:
    guide = (SRC.parent / "docs" / "contributing.md").read_text(encoding="utf-8")
    named = re.findall(r'"(jakcite\.[\w.]+):(\w+)"', guide)
    assert named
    for module, attribute in named:
        assert isinstance(getattr(importlib.import_module(module), attribute), Format), f"{module}:{attribute}"


def test_no_import_cycle_outside_the_csl_engine() -> None:
    outside = {m: {s for s in succ if not within(s, ["jakcite.csl"])} for m, succ in GRAPH.items()}
    outside = {m: s for m, s in outside.items() if not within(m, ["jakcite.csl"])}
    assert cycles(outside) == []


def test_the_cycle_finder_finds_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def long_functions(path: Path, root: Path = SRC) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.relative_to(root)}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(tree)
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]


def test_no_function_over_60_lines_outside_the_csl_engine() -> None:
    found = [
        f for name, path in all_modules().items() if not within(name, ["jakcite.csl"]) for f in long_functions(path)
    ]
    assert found == []


def test_the_length_rule_sees_long_functions(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    sample = tmp_path / "probe.py"
    sample.write_text(f"def long():\n{body}\n\ndef short():\n    pass\n", encoding="utf-8")
    assert long_functions(sample, tmp_path) == [f"probe.py:1 long ({MAX_FUNCTION_LINES + 1} lines)"]


def test_no_tracked_file_is_a_symbolic_link() -> None:
    # A worktree's .venv link was once committed: a fresh clone then had a dangling .venv.
    import shutil
    import subprocess

    from conftest import ROOT

    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listed = subprocess.run(["git", "ls-files", "-s"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    links = [line.split("\t", 1)[1] for line in listed.splitlines() if line.startswith("120000 ")]
    assert links == []
