"""The documentation a reader follows: every link and picture it points at is there.

Relative links and image paths in the Markdown files resolve inside the
repository (with their ``#anchor`` to a heading of the target), the README
stays a page a HACS user reads top to bottom, and no file cites a document the
repository does not contain.
"""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path
import re
from typing import Final

import pytest

from .conftest import REPO_ROOT

README_MAX_BYTES: Final = 20_000
LINK: Final = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HTML_SRC: Final = re.compile(r"""<(?:img|a)\b[^>]*?\b(?:src|href)=["']([^"']+)["']""")
NOT_SHIPPED: Final = ("DESIGN.md", "ESPN_NOTES.md", "HA_NOTES.md")
"""The team's own notes: never in the repository, so never cited by it."""


SKIPPED_DIRS: Final = frozenset(
    {".git", ".venv", ".venv-newest", ".cache", ".mypy_cache", ".ruff_cache", ".pytest_cache"}
    | {"config", "config-newest", "node_modules", "__pycache__", "htmlcov"}
)
"""What is not the repository's own (virtualenvs, caches, scripts/develop's config)."""


def _files(*suffixes: str) -> list[Path]:
    """Return the repository's own files (no git needed: the newest release runs without)."""
    found = []
    for folder, dirs, names in os.walk(REPO_ROOT):
        dirs[:] = [name for name in dirs if name not in SKIPPED_DIRS]
        found += [Path(folder) / name for name in names if Path(name).suffix in suffixes]
    return sorted(found)


MARKDOWN: Final = [path for path in _files(".md") if "fixtures" not in path.parts]


def _anchor(heading: str) -> str:
    """Return GitHub's anchor of a heading ("Stream delay" -> "stream-delay")."""
    text = re.sub(r"[`*_]|\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    return {
        _anchor(line.lstrip("#"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("#")
    }


def test_the_documents_are_found() -> None:
    """The walk sees the README and docs/ (guards the checks below against an empty list)."""
    names = {path.relative_to(REPO_ROOT).as_posix() for path in MARKDOWN}
    assert {"README.md", "CHANGELOG.md", "CONTRIBUTING.md", "docs/architecture.md"} <= names


@pytest.mark.parametrize("path", MARKDOWN, ids=lambda path: path.relative_to(REPO_ROOT).as_posix())
def test_relative_links_and_pictures_resolve(path: Path) -> None:
    """Each relative link or image of a Markdown file names a file (and heading) that exists."""
    text = path.read_text(encoding="utf-8")
    broken = []
    for target in [*LINK.findall(text), *HTML_SRC.findall(text)]:
        if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.IGNORECASE):
            continue  # https:, mailto:, the my.home-assistant.io redirects
        file_part, _, anchor = target.partition("#")
        resolved = (path.parent / file_part).resolve() if file_part else path
        if (
            not resolved.exists()
            or REPO_ROOT.resolve() not in (resolved, *resolved.parents)
            or (anchor and resolved.suffix == ".md" and anchor not in _anchors(resolved))
        ):
            broken.append(target)
    assert not broken, f"{path.name} links to what is not there: {broken}"


def test_readme_is_a_users_page() -> None:
    """The README is at most 20 KB and starts with what a user needs, not development."""
    readme = REPO_ROOT / "README.md"
    assert readme.stat().st_size <= README_MAX_BYTES
    headings = [
        line.lstrip("# ").strip()
        for line in readme.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert headings.index("Installation") < headings.index("Contributing")
    assert headings[-1] == "Contributing"


def test_no_file_cites_a_document_it_does_not_contain() -> None:
    """The team's design notes are not shipped, so nothing points a reader at them."""
    files = [
        path
        for path in _files(".py", ".md", ".sh", ".mjs", ".yaml", ".json", ".toml", "")
        if path.name != "test_docs.py" and "fixtures" not in path.parts
    ]
    assert len(files) > 100
    citing = {
        path.relative_to(REPO_ROOT).as_posix(): name
        for path in files
        for name in NOT_SHIPPED
        if name in path.read_text(encoding="utf-8", errors="replace")
    }
    assert not citing, citing


def test_the_module_map_lists_every_module() -> None:
    """A newcomer finds every module of the package in docs/architecture.md's map, and no ghost."""
    spec = importlib.util.spec_from_file_location(
        "module_map", REPO_ROOT / "scripts" / "module_map.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module_map = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module_map)
    listed = module_map.map_modules((REPO_ROOT / "docs" / "architecture.md").read_text("utf-8"))
    assert listed == module_map.package_modules()
