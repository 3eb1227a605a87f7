"""The layout's import rules, read from the source: which package may import which, the try-on's stages
in their order, and no module reaching itself again through its imports (function-level imports count too)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("app", "web", "sessions", "assistant", "catalog", "tryon", "speech", "common")
# what each part of the product may import of the project's own (besides itself)
ALLOWED: dict[str, set[str]] = {
    "app": {"web", "sessions", "assistant", "catalog", "common"},
    "web": {"sessions", "assistant", "speech", "common"},
    "sessions": {"assistant", "common"},
    "assistant": {"catalog", "tryon", "common"},
    "catalog": {"common"},
    "tryon": {"common"},
    # the recogniser expects the shop's words (its catalog's vocabulary) and how shoppers put them together
    # (the understanding's own sentences)
    "speech": {"catalog", "assistant", "common"},
    "common": set(),
}
# tryon's stages, in the order a render runs them: a module imports only its own stage, earlier ones and the
# shared helpers (the typed errors, `tryon.errors`, are shared too); the top level (engine, fit_notes, the
# command line) runs them all
TRYON_STAGES = ("shared", "analysis", "garment", "fit", "repaint", "compose", "quality")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    found = {}
    for top in PACKAGES:
        paths = [ROOT / "app.py"] if top == "app" else sorted((ROOT / top).rglob("*.py"))
        found.update({_module_name(path): path for path in paths})
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project's modules this one imports anywhere in its body, resolved to module names."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    targets: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            candidates = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            # `from package import module` needs the module; `from module import name`, the module
            candidates = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base for alias in node.names]
        else:
            continue
        for candidate in candidates:
            while candidate and candidate not in known:
                candidate = candidate.rpartition(".")[0]
            if candidate and candidate != name:
                targets.add(candidate)
    return targets


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def test_each_package_imports_only_what_the_layout_allows():
    wrong = []
    for name, targets in _graph().items():
        top = name.split(".")[0]
        for target in targets:
            other = target.split(".")[0]
            if other != top and other not in ALLOWED[top]:
                wrong.append(f"{name} -> {target}")
    assert not wrong, wrong


def _tryon_stage(name: str) -> int:
    """A tryon module's place in TRYON_STAGES; past the last for the top level."""
    if name == "tryon.errors":
        return 0
    folder = name.split(".")[1] if name.count(".") else ""
    return TRYON_STAGES.index(folder) if folder in TRYON_STAGES else len(TRYON_STAGES)


def _stage_order_breaks(graph: dict[str, set[str]]) -> list[str]:
    return sorted(f"{name} -> {target}" for name, targets in graph.items() if name.startswith("tryon.")
                  for target in targets if target.startswith("tryon.") and _tryon_stage(target) > _tryon_stage(name))


def test_each_tryon_stage_imports_only_earlier_stages():
    assert not _stage_order_breaks(_graph()), _stage_order_breaks(_graph())


def test_the_stage_order_check_catches_an_import_from_a_later_stage():
    """A repaint module importing compose, or a shared helper importing a stage, is caught; the reverse is not."""
    graph = _graph()
    assert _stage_order_breaks({**graph, "tryon.repaint.uncover": {"tryon.compose.rim"}}) == [
        "tryon.repaint.uncover -> tryon.compose.rim"]
    assert _stage_order_breaks({"tryon.shared.boxes": {"tryon.analysis.person"}, "tryon.errors": {"tryon.engine"}}) == [
        "tryon.errors -> tryon.engine", "tryon.shared.boxes -> tryon.analysis.person"]
    assert not _stage_order_breaks({"tryon.compose.rim": {"tryon.repaint.uncover", "tryon.shared.boxes", "tryon.errors"},
                                    "tryon.engine": {"tryon.quality.gate"}})


def test_no_module_imports_itself_back():
    graph = _graph()
    # Tarjan's strongly connected components: any component of two or more modules is a circle
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    circles: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    assert not circles, circles


def test_the_graph_sees_real_imports():
    """The reader itself: a known import is found, so the two tests above cannot pass on an empty graph."""
    graph = _graph()
    assert "common.images" in graph["tryon.analysis.person"]
    assert "catalog.formats.merchant" in graph["catalog.ingest"]
    assert "assistant.llm.base" in graph["assistant.llm"]
