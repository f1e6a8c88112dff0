"""Every language ships every string, and every key the code uses has a string.

``strings.json`` is the source: ``translations/en.json`` is its copy and every
other language file must hold exactly its keys, with the same ``{placeholders}``
in each string. A new key in ``strings.json`` fails here until each language
has it, naming the language and the keys. The keys the code passes to Home
Assistant (``translation_key=``, form errors, abort reasons) are read from the
source with ``ast``, so a typo there fails here too, not in front of a user.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
import importlib
import json
from pathlib import Path
import re
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.translation import async_get_translations
import pytest

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.webhooks import dispatcher
from custom_components.live_sports.webhooks.models import DisabledReason

from .conftest import REPO_ROOT

ROOT = REPO_ROOT / "custom_components" / "live_sports"
STRINGS = ROOT / "strings.json"
TRANSLATIONS = ROOT / "translations"
REQUIRED_LANGUAGES = {"en", "de", "fr", "es", "nl", "it"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")
REFERENCE = re.compile(r"\[%key:([^%]+)%\]")
PLATFORMS = ("binary_sensor", "calendar", "event", "sensor")

Leaves = dict[tuple[str, ...], str]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _leaves(tree: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from _leaves(value, (*path, key))
    else:
        yield path, tree


def _resolve(text: str, source: Any) -> str:
    """Replace ``[%key:a::b%]`` references the way Home Assistant's build does."""

    def lookup(match: re.Match[str]) -> str:
        node = source
        for part in match.group(1).split("::"):
            node = node[part]
        assert isinstance(node, str), match.group(0)
        return _resolve(node, source)

    return REFERENCE.sub(lookup, text)


def _resolved(tree: Any, source: Any) -> Any:
    if isinstance(tree, dict):
        return {key: _resolved(value, source) for key, value in tree.items()}
    return _resolve(tree, source) if isinstance(tree, str) else tree


SOURCE = _load(STRINGS)
SOURCE_LEAVES: Leaves = dict(_leaves(_resolved(SOURCE, SOURCE)))
LANGUAGE_FILES = sorted(TRANSLATIONS.glob("*.json"))
LANGUAGES = [path.stem for path in LANGUAGE_FILES]


def _dotted(paths: set[tuple[str, ...]]) -> str:
    return "\n  ".join(sorted(".".join(path) for path in paths))


def test_strings_json_has_string_leaves() -> None:
    """The source itself is a tree of non-empty strings."""
    bad = {path for path, value in SOURCE_LEAVES.items() if not isinstance(value, str) or not value}
    assert not bad, f"strings.json: not a non-empty string:\n  {_dotted(bad)}"


def test_english_is_strings_json() -> None:
    """translations/en.json is strings.json with its references resolved."""
    assert _load(TRANSLATIONS / "en.json") == _resolved(SOURCE, SOURCE), (
        "translations/en.json differs from strings.json: copy strings.json over it"
    )


def test_required_languages_exist() -> None:
    """English, German, French, Spanish, Dutch and Italian at least."""
    missing = REQUIRED_LANGUAGES - set(LANGUAGES)
    assert not missing, f"no translations/<lang>.json for: {', '.join(sorted(missing))}"


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=LANGUAGES)
def test_language_file_is_valid(path: Path) -> None:
    """Valid JSON, objects all the way down to non-empty string leaves."""
    try:
        tree = _load(path)
    except json.JSONDecodeError as err:
        pytest.fail(f"{path.stem}: invalid JSON: {err}")
    assert isinstance(tree, dict), f"{path.stem}: the top level is not an object"
    bad = {p for p, value in _leaves(tree) if not isinstance(value, str) or not value.strip()}
    assert not bad, f"{path.stem}: not a non-empty string:\n  {_dotted(bad)}"
    unresolved = {p for p, value in _leaves(tree) if REFERENCE.search(str(value))}
    assert not unresolved, f"{path.stem}: [%key:…%] references:\n  {_dotted(unresolved)}"


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=LANGUAGES)
def test_language_has_exactly_the_keys_of_strings_json(path: Path) -> None:
    """No key missing, none left over from a key strings.json dropped."""
    keys = {p for p, _ in _leaves(_load(path))}
    missing = SOURCE_LEAVES.keys() - keys
    extra = keys - SOURCE_LEAVES.keys()
    problems = []
    if missing:
        problems.append(f"{path.stem}: {len(missing)} key(s) missing:\n  {_dotted(missing)}")
    if extra:
        problems.append(
            f"{path.stem}: {len(extra)} key(s) not in strings.json:\n  {_dotted(extra)}"
        )
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("path", LANGUAGE_FILES, ids=LANGUAGES)
def test_language_keeps_the_placeholders(path: Path) -> None:
    """Each string has the same {placeholders} as its English source."""
    wrong = []
    for key, text in _leaves(_load(path)):
        if key not in SOURCE_LEAVES or not isinstance(text, str):
            continue  # reported by the tests above
        expected = set(PLACEHOLDER.findall(SOURCE_LEAVES[key]))
        found = set(PLACEHOLDER.findall(text))
        if found != expected:
            wrong.append(f"{'.'.join(key)}: expected {sorted(expected)}, found {sorted(found)}")
    assert not wrong, f"{path.stem}: placeholders differ:\n  " + "\n  ".join(wrong)


@pytest.mark.parametrize("language", sorted(REQUIRED_LANGUAGES - {"en"}))
async def test_home_assistant_loads_the_language(hass: HomeAssistant, language: str) -> None:
    """Home Assistant's own loader finds the file and serves it, not English."""
    english = await async_get_translations(hass, "en", "entity", {DOMAIN})
    loaded = await async_get_translations(hass, language, "entity", {DOMAIN})
    key = f"component.{DOMAIN}.entity.sensor.game_status.name"
    assert (
        loaded[key]
        == _load(TRANSLATIONS / f"{language}.json")["entity"]["sensor"]["game_status"]["name"]
    )
    assert loaded[key] != english[key]


# --- the keys the code uses --------------------------------------------------


def _module(path: Path) -> str:
    parts = path.relative_to(REPO_ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _callee(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _value(node: ast.expr, module: str) -> str | None:
    """A string literal, or a module-level constant's value; None otherwise."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        value = getattr(importlib.import_module(module), node.id, None)
        return value if isinstance(value, str) else None
    return None


def _section_keys(*sections: str) -> set[str]:
    """The keys under every ``<section>`` path (``*`` matches any one level)."""
    found: set[str] = set()

    def walk(node: Any, parts: tuple[str, ...]) -> None:
        if not isinstance(node, dict):
            return
        if not parts:
            found.update(node)
            return
        head, rest = parts[0], parts[1:]
        for key, child in node.items():
            if head in ("*", key):
                walk(child, rest)

    for section in sections:
        walk(SOURCE, tuple(section.split(".")))
    return found


ERROR_SECTIONS = ("config.error", "options.error", "config_subentries.*.error")
ABORT_SECTIONS = ("config.abort", "options.abort", "config_subentries.*.abort")


def _code_keys() -> Iterator[tuple[str, str, str, tuple[str, ...]]]:
    """Yield (where, key, kind, sections): kind is "key" or "prefix" (f-string)."""
    for path in sorted(ROOT.rglob("*.py")):
        module = _module(path)
        platform = path.stem if path.parent == ROOT and path.stem in PLATFORMS else None
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            where = f"{path.relative_to(ROOT)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, ast.Call):
                kwargs = {kw.arg: kw.value for kw in node.keywords if kw.arg}
                callee = _callee(node)
                if "translation_key" in kwargs:
                    if "translation_domain" in kwargs:
                        sections: tuple[str, ...] = ("exceptions",)
                    elif callee == "async_create_issue":
                        sections = ("issues",)
                    elif callee.endswith("SelectorConfig"):
                        sections = ("selector",)
                    elif platform and callee.endswith("EntityDescription"):
                        sections = (f"entity.{platform}",)
                    else:
                        sections = ("*", "*.*", "*.*.*")
                    value = kwargs["translation_key"]
                    if isinstance(value, ast.JoinedStr):
                        head = value.values[0]
                        if isinstance(head, ast.Constant) and isinstance(head.value, str):
                            yield where, head.value, "prefix", sections
                    elif (key := _value(value, module)) is not None:
                        yield where, key, "key", sections
                reason = kwargs.get("reason") if callee == "async_abort" else None
                if reason is not None and (key := _value(reason, module)) is not None:
                    yield where, key, "key", ABORT_SECTIONS
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
                for target in node.targets:
                    key = node.value.value
                    if not isinstance(key, str):
                        continue
                    if isinstance(target, ast.Name) and target.id == "_attr_translation_key":
                        assert platform, f"{where}: an entity outside a platform module"
                        yield where, key, "key", (f"entity.{platform}",)
                    elif isinstance(target, ast.Name) and target.id == "translation_key":
                        # Provider errors: shown in forms and raised as exceptions.
                        yield where, key, "key", ("exceptions",)
                        yield where, key, "key", ("config.error",)
                    elif isinstance(target, ast.Subscript) and getattr(target.value, "id", "") == (
                        "errors"
                    ):
                        yield where, key, "key", ERROR_SECTIONS


CODE_KEYS = list(_code_keys())


def test_code_keys_were_found() -> None:
    """The scan sees the package's entities, exceptions, issues and forms."""
    sections = {section.split(".")[0] for *_, sections in CODE_KEYS for section in sections}
    assert {"entity", "exceptions", "issues", "selector", "config"} <= sections
    assert len(CODE_KEYS) > 20


def test_every_translation_key_in_code_is_in_strings_json() -> None:
    """Entity descriptions, raised errors, issues, selectors, form errors, aborts."""
    missing = []
    for where, key, kind, sections in CODE_KEYS:
        known = _section_keys(*sections)
        found = key in known if kind == "key" else any(k.startswith(key) for k in known)
        if not found:
            missing.append(f"{where}: {key!r}{'…' if kind == 'prefix' else ''} not in {sections}")
    assert not missing, "keys used in code but missing in strings.json:\n  " + "\n  ".join(missing)


def test_dynamic_keys_are_in_strings_json() -> None:
    """The f-string keys: every disable reason's issue, every test failure's error."""
    issues = _section_keys("issues")
    assert {f"webhook_{reason}" for reason in DisabledReason} <= issues
    errors = {dispatcher.ERROR_TIMEOUT, dispatcher.ERROR_CANNOT_CONNECT}
    assert {f"test_{error}" for error in errors} <= _section_keys("exceptions")
