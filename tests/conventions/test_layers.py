"""The code's layers (README, "Architecture"): every import goes down or sideways, never up, and no module
reaches itself through its imports. Streamlit is imported only by the web layer's own files."""

from __future__ import annotations

import ast

import pytest

from tests.support.code_graph import MODULES, imports_of

# Lowest first. A module belongs to the first layer one of whose prefixes it starts with.
LAYERS = (
    ("the web and the command line", ("dashboard", "pages.", "web.", "etl.cli", "etl.__main__", "bench.")),
    ("screens", ("screens.", "meeting.", "notify.")),
    ("the pipeline", ("etl.",)),
    ("the core", ("core.",)),
)
WEB_FILES = ("dashboard", "pages.", "web.")  # the only product modules that may import Streamlit
MEASURING = ("bench.",)  # the benchmarks drive the pages with Streamlit's AppTest, like the tests


def _level(module: str) -> int:
    """0 for the top layer; higher is lower down."""
    dotted = module + "."
    for level, (_, prefixes) in enumerate(LAYERS):
        if any(dotted.startswith(prefix) or module == prefix for prefix in prefixes):
            return level
    raise AssertionError(f"{module} belongs to no layer: add it to LAYERS")


def _imports_streamlit(module: str) -> bool:
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "streamlit" for a in node.names):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "streamlit":
            return True
    return False


GRAPH = {module: imports_of(module) for module in MODULES}


def test_every_module_has_a_layer():
    for module in MODULES:
        _level(module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_only_go_down(module):
    upward = sorted(i for i in GRAPH[module] if _level(i) < _level(module))
    assert not upward, f"{module} ({LAYERS[_level(module)][0]}) imports from a layer above it: {upward}"


def test_no_module_reaches_itself_through_its_imports():
    state: dict[str, str] = {}  # "open" while its imports are walked, "done" after
    path: list[str] = []

    def walk(module: str) -> None:
        state[module] = "open"
        path.append(module)
        for imported in sorted(GRAPH[module]):
            if state.get(imported) == "open":
                cycle = path[path.index(imported) :] + [imported]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if imported not in state:
                walk(imported)
        path.pop()
        state[module] = "done"

    for module in sorted(MODULES):
        if module not in state:
            walk(module)


def test_streamlit_is_imported_only_by_the_web_layer():
    outside = [m for m in MODULES if _imports_streamlit(m) and not (m + ".").startswith(WEB_FILES + MEASURING)]
    assert outside == []


def test_the_checker_sees_an_upward_import_and_a_cycle(tmp_path, monkeypatch):
    """The test above can fail: a made-up core module importing a screen is caught, and so is a cycle."""
    fake = {"core.a": {"screens.b"}, "screens.b": {"core.a"}}
    assert [i for i in fake["core.a"] if _level(i) < _level("core.a")] == ["screens.b"]
    monkeypatch.setitem(GRAPH, "core.a", fake["core.a"])
    monkeypatch.setitem(GRAPH, "screens.b", fake["screens.b"])
    monkeypatch.setitem(MODULES, "core.a", tmp_path / "a.py")
    monkeypatch.setitem(MODULES, "screens.b", tmp_path / "b.py")
    with pytest.raises(AssertionError, match="import cycle: core.a → screens.b → core.a"):
        test_no_module_reaches_itself_through_its_imports()
