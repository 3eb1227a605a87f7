"""The layout's import rules, read from the source: which package may import which, and no
module reaching itself again through its imports (function-level imports count too)."""

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
    "speech": {"common"},
    "common": set(),
}


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
