"""The architecture as the imports show it: layers, no cycle, Streamlit only in the app.

The layers, each importing only those to its left:
``i18n → data → auth → indicators → charts → export → appkit → pages → app.py``, with ``cli``
beside ``appkit`` (it may import up to ``export``, never ``appkit``, ``pages`` or ``app``).
Imports are read from the source (AST), including those inside functions.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("i18n", "data", "auth", "indicators", "charts", "export", "appkit", "pages", "app")
CLI, CLI_UP_TO = "cli", "export"
STREAMLIT_LAYERS = ("appkit", "pages", "app")
PACKAGES = (*LAYERS, CLI)
STREAMLIT_IMPORT = re.compile(r"^\s*(import streamlit|from streamlit)", re.MULTILINE)


def product_sources(root: Path = ROOT) -> dict[str, str]:
    """Module name → source of every module the app and the command line run."""
    sources = {"app": (root / "app.py").read_text(encoding="utf-8")}
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*.py")) if package != "app" else ():
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            sources[name] = path.read_text(encoding="utf-8")
    return sources


def imported(
    name: str, source: str, modules: set[str], *, typing_only: bool = True
) -> Iterator[str]:
    """Every module of ``modules`` that module ``name`` imports, and third-party top names;
    without the imports under ``if TYPE_CHECKING:`` when ``typing_only`` is False."""
    package = name if _is_package(name, modules) else name.rpartition(".")[0]
    tree = ast.parse(source)
    skipped = set() if typing_only else _type_checking_imports(tree)
    for node in ast.walk(tree):
        if node in skipped:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield _known(alias.name, modules)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            for alias in node.names:
                full = f"{base}.{alias.name}"
                yield full if full in modules else _known(base, modules)


def _type_checking_imports(tree: ast.AST) -> set[ast.AST]:
    """The import statements inside ``if TYPE_CHECKING:`` blocks (read by type checkers only)."""
    return {
        inner
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
        for statement in node.body
        for inner in ast.walk(statement)
        if isinstance(inner, ast.Import | ast.ImportFrom)
    }


def _is_package(name: str, modules: set[str]) -> bool:
    return any(other.startswith(name + ".") for other in modules)


def _known(name: str, modules: set[str]) -> str:
    """``name`` or its nearest enclosing module that exists (``a.b.c`` → ``a.b``)."""
    while name and name not in modules and "." in name:
        name = name.rpartition(".")[0]
    return name


def _top(name: str) -> str:
    return name.split(".")[0]


def _may_import(source_top: str, target_top: str) -> bool:
    if source_top == target_top:
        return True
    if target_top == CLI:
        return False
    if source_top == CLI:
        return LAYERS.index(target_top) <= LAYERS.index(CLI_UP_TO)
    return LAYERS.index(target_top) < LAYERS.index(source_top)


def graph(sources: Mapping[str, str], *, typing_only: bool = True) -> dict[str, set[str]]:
    """Module → the product modules it imports (``streamlit`` kept as a node of its own);
    ``typing_only=False`` leaves out imports that only type checkers read."""
    modules = set(sources)
    edges: dict[str, set[str]] = {}
    for name, source in sources.items():
        targets = set()
        for target in imported(name, source, modules, typing_only=typing_only):
            if _top(target) in PACKAGES and target in modules:
                targets.add(target)
            elif _top(target) == "streamlit":
                targets.add("streamlit")
        edges[name] = targets - {name}
    return edges


def upward(edges: Mapping[str, set[str]]) -> list[str]:
    """Imports against the layers: ``source → target``."""
    return sorted(
        f"{source} → {target}"
        for source, targets in edges.items()
        for target in targets
        if target != "streamlit" and not _may_import(_top(source), _top(target))
    )


def streamlit_outside_app(edges: Mapping[str, set[str]]) -> list[str]:
    return sorted(
        source
        for source, targets in edges.items()
        if "streamlit" in targets and _top(source) not in STREAMLIT_LAYERS
    )


def cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """Import cycles between product modules (each as the modules on it, in order)."""
    found, state, path = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        path.append(node)
        for target in sorted(edges.get(node, ())):
            if target == "streamlit":
                continue
            if state.get(target) == "open":
                found.append(path[path.index(target) :] + [target])
            elif target not in state:
                visit(target)
        path.pop()
        state[node] = "done"

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return found


def test_every_layer_folder_exists() -> None:
    for package in PACKAGES:
        assert (ROOT / ("app.py" if package == "app" else package)).exists(), package
    assert not (ROOT / "ui").exists()


def test_no_import_against_the_layers() -> None:
    assert upward(graph(product_sources())) == []


def test_no_import_cycle() -> None:
    """No cycle among the imports that run; an annotation may name a type of a module that
    imports this one (under ``if TYPE_CHECKING:``), never a layer to the right."""
    assert cycles(graph(product_sources(), typing_only=False)) == []


def test_no_streamlit_outside_appkit_pages_and_app() -> None:
    assert streamlit_outside_app(graph(product_sources())) == []


def test_pages_folder_holds_only_pages() -> None:
    """Every file in pages/ is a page of the navigation (the kit lives in appkit/), named as
    its URL: Streamlit serves a fresh server's first request from the folder by file name."""
    from appkit.frame import SECTIONS, SIGN_IN_PAGE

    listed = {spec.file for specs in SECTIONS.values() for spec in specs} | {SIGN_IN_PAGE}
    present = {f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py")}
    assert present == listed


# --- the checks catch what they are for ----------------------------------------------------


def planted(**extra: str) -> dict[str, str]:
    """The real tree plus planted modules (``data__planted`` = ``data.planted``)."""
    return product_sources() | {name.replace("__", "."): src for name, src in extra.items()}


@pytest.mark.parametrize(
    ("module", "source", "expected"),
    [
        ("data__planted", "from appkit import widgets\n", "data.planted → appkit.widgets"),
        ("data__planted", "from auth.roles import require_manager\n", "data.planted → auth.roles"),
        ("charts__planted", "import export.safe\n", "charts.planted → export.safe"),
        ("indicators__planted", "def f():\n    from charts import figures\n", "figures"),
        ("cli__planted", "from appkit.frame import main\n", "cli.planted → appkit.frame"),
        ("export__planted", "from cli import main\n", "export.planted → cli.main"),
        ("i18n__planted", "from data.store import open_db\n", "i18n.planted → data.store"),
        ("appkit__planted", "from pages import overview\n", "appkit.planted → pages.overview"),
        ("data__planted", "from ..appkit import widgets\n", "data.planted → appkit.widgets"),
    ],
)
def test_a_planted_upward_import_is_found(module: str, source: str, expected: str) -> None:
    found = upward(graph(planted(**{module: source})))
    assert len(found) == 1 and expected in found[0], found


def test_a_planted_cycle_is_found() -> None:
    one_way = planted(data__planted_a="from data import planted_b\n", data__planted_b="")
    assert cycles(graph(one_way, typing_only=False)) == []
    both_ways = planted(
        data__planted_a="from data import planted_b\n",
        data__planted_b="def f():\n    import data.planted_a\n",
    )
    assert cycles(graph(both_ways, typing_only=False)) == [
        ["data.planted_a", "data.planted_b", "data.planted_a"]
    ]
    for_types = planted(
        data__planted_a="from data import planted_b\n",
        data__planted_b="if TYPE_CHECKING:\n    from data.planted_a import A\n",
    )
    assert cycles(graph(for_types, typing_only=False)) == []


def test_a_planted_upward_import_for_types_only_is_found() -> None:
    edges = graph(planted(data__planted="if TYPE_CHECKING:\n    from auth.roles import Role\n"))
    assert upward(edges) == ["data.planted → auth.roles"]


def test_planted_streamlit_outside_the_app_is_found() -> None:
    edges = graph(planted(charts__planted="import streamlit as st\n"))
    assert streamlit_outside_app(edges) == ["charts.planted"]
    edges = graph(planted(export__planted="from streamlit.runtime import Runtime\n"))
    assert streamlit_outside_app(edges) == ["export.planted"]


def test_cli_may_import_up_to_export() -> None:
    edges = graph(planted(cli__planted="from export.workbook import export_workbook\n"))
    assert upward(edges) == []


def test_benchmarks_use_only_streamlit_testing_api() -> None:
    imports = [
        (str(path.relative_to(ROOT)), line.strip())
        for path in (ROOT / "bench").rglob("*.py")
        for line in path.read_text(encoding="utf-8").splitlines()
        if STREAMLIT_IMPORT.match(line)
    ]
    assert all(line.startswith("from streamlit.testing.") for _, line in imports), imports
