"""The dependency rules of docs/architecture.md, checked on every module's imports.

Every import counts, ``TYPE_CHECKING`` blocks and function bodies included:
a cycle hidden from the interpreter is still a cycle in the design.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import REPO_ROOT

PACKAGE = "custom_components.live_sports"
ROOT = REPO_ROOT / "custom_components" / "live_sports"
SINKS = ("events", "history", "webhooks")
PURE = (
    "models",
    "athlete_answers",
    "athlete_search",
    "athlete_view",
    "diff",
    "field_diff",
    "field_polling",
    "listeners",
    "mma_card",
    "play_changes",
    "polling",
    "release",
    "retry",
    "standings",
    "table_diff",
)
"""No Home Assistant, no I/O library: domain objects in, decisions out."""


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES: dict[str, Path] = {_module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _imports(name: str) -> Iterator[str]:
    """Yield every module a module imports (absolute names), anywhere in it."""
    tree = ast.parse(MODULES[name].read_text(encoding="utf-8"))
    package = name if _is_package(name) else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            yield target
            for alias in node.names:  # ``from . import events`` imports a module
                if f"{target}.{alias.name}" in MODULES:
                    yield f"{target}.{alias.name}"


def _internal(name: str) -> set[str]:
    """Return the package's modules a module depends on, parent packages included.

    Importing ``history.backends`` runs ``history/__init__`` too, unless the
    importer is inside ``history`` (that package is already being loaded); the
    root package counts only when imported explicitly.
    """
    found: set[str] = set()
    for imported in _imports(name):
        if imported == PACKAGE:
            found.add(PACKAGE)  # an explicit ``from . import …``
        target = imported
        while target.startswith(f"{PACKAGE}.") and target not in MODULES:
            target = target.rpartition(".")[0]  # ``from .x import name``
        while target.startswith(f"{PACKAGE}."):
            if not name.startswith(f"{target}."):  # not a package the module is in
                found.add(target)
            target = target.rpartition(".")[0]
    found.discard(name)
    return found


def _short(name: str) -> str:
    return name.removeprefix(f"{PACKAGE}.")


def _under(name: str, *parts: str) -> bool:
    short = _short(name)
    return any(short == part or short.startswith(f"{part}.") for part in parts)


GRAPH = {name: _internal(name) for name in MODULES}


def test_modules_are_found() -> None:
    """The walk sees the package (guards the rules below against an empty graph)."""
    assert {f"{PACKAGE}.coordinator", f"{PACKAGE}.history.schema"} <= GRAPH.keys()
    assert f"{PACKAGE}.models" in GRAPH[f"{PACKAGE}.coordinator"]
    assert f"{PACKAGE}.history" in GRAPH[f"{PACKAGE}.runtime"]


def test_no_import_cycle() -> None:
    """No module depends on itself through others."""
    done: set[str] = set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            cycle = [*path[path.index(name) :], name]
            pytest.fail("import cycle: " + " -> ".join(map(_short, cycle)))
        if name in done:
            return
        for target in sorted(GRAPH[name]):
            visit(target, [*path, name])
        done.add(name)

    for name in sorted(GRAPH):
        visit(name, [])


def test_the_cycle_check_finds_cycles() -> None:
    """The check itself fails on a cycle."""
    saved = dict(GRAPH)
    GRAPH[f"{PACKAGE}.models"] = {f"{PACKAGE}.diff"}
    try:
        with pytest.raises(pytest.fail.Exception, match="import cycle"):
            test_no_import_cycle()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)


@pytest.mark.parametrize("name", sorted(MODULES), ids=_short)
def test_dependency_rules(name: str) -> None:
    """models, providers, the pure modules and the sinks import what they may."""
    imported = set(_imports(name))
    internal = {_short(target) for target in GRAPH[name]}
    external_ha = {target for target in imported if target.split(".")[0] == "homeassistant"}
    if _under(name, "models"):
        assert all(_under(target, "models") for target in internal), (
            f"models imports nothing of the package but itself: {internal}"
        )
    if _under(name, *PURE):
        assert not external_ha, "pure modules import no Home Assistant"
        assert not {t for t in imported if t.split(".")[0] == "aiohttp"}, "pure: no I/O"
        assert all(_under(target, *PURE) for target in internal), (
            f"pure modules import only pure ones: {internal}"
        )
    if _under(name, "providers"):
        assert not external_ha, "providers import no Home Assistant"
        allowed = {"models", "retry", "providers", "standings"}
        assert {part.split(".")[0] for part in internal} <= allowed, internal
    if _under(name, *SINKS):
        assert not {t for t in internal if t.split(".")[0] == "providers"}, (
            "sinks never import providers"
        )
    if _under(name, "teamtracker", "teamtracker_mma"):
        assert not external_ha, "the card's attributes are built without Home Assistant"
        assert internal <= {
            "models",
            "providers",
            "providers.base",
            "teamtracker_mma",
            "mma_card",
        }, internal
    if _under(name, "coordinator"):
        assert not {t for t in internal if t.startswith("providers.")} - {"providers.base"}, (
            "the coordinator names no particular provider"
        )


HEAVY_LIBRARIES = ("influxdb_client_3", "pyarrow")
"""Loaded only when history runs (in an executor): over 100 MiB a fan without history never pays."""


def _module_level_imports(name: str) -> Iterator[str]:
    """Yield what a module imports when it is imported: not in functions or TYPE_CHECKING."""

    def walk(nodes: list[ast.stmt]) -> Iterator[str]:
        for node in nodes:
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                yield node.module or ""
            elif isinstance(node, ast.If):
                if not (isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"):
                    yield from walk(node.body)
                yield from walk(node.orelse)
            elif isinstance(node, ast.Try):
                yield from walk(node.body)

    yield from walk(ast.parse(MODULES[name].read_text(encoding="utf-8")).body)


@pytest.mark.parametrize("name", sorted(MODULES), ids=_short)
def test_no_heavy_library_at_import(name: str) -> None:
    """InfluxDB's client and pyarrow are imported where history runs, never at module level."""
    heavy = {
        target for target in _module_level_imports(name) if target.split(".")[0] in HEAVY_LIBRARIES
    }
    assert not heavy, f"{_short(name)} imports {heavy} at module level"


MAX_MODULE_LINES = 400
"""A module a reviewer can hold in their head (docs/architecture.md, module map)."""


def test_no_module_is_too_long() -> None:
    """No module of the package is over MAX_MODULE_LINES lines."""
    lengths = {
        _short(name): len(path.read_text(encoding="utf-8").splitlines())
        for name, path in MODULES.items()
    }
    assert len(lengths) > 50
    too_long = {name: lines for name, lines in lengths.items() if lines > MAX_MODULE_LINES}
    assert not too_long, f"split these modules: {too_long}"
