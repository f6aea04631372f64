"""The data flows one way: loaders -> kg -> visualizations; ontology is data every layer reads."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# package -> packages of this project it must never import
FORBIDDEN = {
    "loaders": {"kg", "visualizations"},
    "ontology": {"kg", "visualizations", "loaders"},
    "visualizations": {"kg", "loaders", "ontology"},
}
HEAVY_AT_TOP = {"pyvis", "neo4j", "pyshacl", "docx", "pypdf"}


def imported_roots(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    roots = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_no_import_against_the_flow(package):
    for path in (ROOT / package).rglob("*.py"):
        bad = imported_roots(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)} against the flow"


def test_kg_imports_without_heavy_modules():
    """``import kg`` and its command line must not pull in pyvis, the Neo4j driver or pyshacl."""
    import subprocess
    import sys

    heavy = sorted(HEAVY_AT_TOP)
    code = f"import sys, kg, kg.cli; print(','.join(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def module_imports(package: str) -> dict[str, set[str]]:
    """``{module: modules of the package it imports}``, imports inside functions included, so an
    import moved into a function to dodge a circle still counts."""
    found = {}
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        targets = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                targets |= {node.module} | {f"{node.module}.{alias.name}" for alias in node.names}
        found[name] = targets
    return {m: {t for t in targets if t in found and t != m} for m, targets in found.items()}


@pytest.mark.parametrize("package", ["kg", "loaders"])
def test_no_import_circle(package):
    import networkx as nx

    graph = nx.DiGraph([(m, t) for m, targets in module_imports(package).items() for t in targets])
    own_package = [(m, t) for m, t in graph.edges if m.startswith(t + ".")]  # `from kg import x` names x
    graph.remove_edges_from(own_package)
    cycles = list(nx.simple_cycles(graph))
    assert not cycles, f"import circles: {cycles[:3]}"


def test_architecture_lists_every_module():
    """docs/architecture.md names each module of loaders/ and kg/, so a newcomer finds it there."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in ("loaders", "kg"):
        for path in (ROOT / package).rglob("*.py"):
            if path.name != "__init__.py":
                name = path.relative_to(ROOT / package).as_posix()
                assert name in text, f"docs/architecture.md does not list {package}/{name}"
