"""Assist's tools for LLM-based conversation agents: the three intents of `intent.py`.

Newer Home Assistant releases (2026.x) offer an intent to LLM agents only
through its integration's `llm` platform: this module, loaded by the `llm`
integration. Older releases (2025.4) have no such integration and offer every
registered intent by themselves; they never call this.
"""

from __future__ import annotations

import importlib
from typing import Any

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import intent, llm

from .const import DOMAIN
from .intent import INTENTS


@callback
def async_get_tools(hass: HomeAssistant, llm_context: llm.LLMContext, api_id: str) -> Any:
    """Return the intents as tools of the Assist API (an `LLMTools`), None for other APIs.

    `LLMTools` exists only in the releases that call this: it is looked up
    there (the `llm` integration calling is already imported).
    """
    if api_id != llm.LLM_API_ASSIST:
        return None
    llm_tools = importlib.import_module("homeassistant.components.llm").LLMTools
    # Who provides the tool, named as these releases ask (2025.4's IntentTool has no such field).
    provider: dict[str, Any] = {"integration": DOMAIN}
    tools = [
        llm.IntentTool(f"{DOMAIN}__{handler.intent_type}", handler, **provider)
        for handler in intent.async_get(hass)
        if handler.intent_type in INTENTS
    ]
    return llm_tools(tools=tools)
