"""Actions that change the configuration or reveal a secret are for administrators only."""

from __future__ import annotations

from homeassistant.core import Context, HomeAssistant
from homeassistant.exceptions import Unauthorized
import pytest
from pytest_homeassistant_custom_component.common import MockUser

from custom_components.live_sports.const import DOMAIN
from custom_components.live_sports.webhooks import Endpoint
from custom_components.live_sports.webhooks.signer import generate_secret

from .conftest import league_entry, setup_entry

ENDPOINT = Endpoint(id="e1", url="http://127.0.0.1:9/hook", secret=generate_secret(), enabled=False)
"""Disabled: nothing is delivered while the test runs."""


def _secret(hass: HomeAssistant, entry_id: str) -> str:
    entry = hass.config_entries.async_get_entry(entry_id)
    assert entry is not None
    [subentry] = [s for s in entry.subentries.values() if s.subentry_type == "webhook"]
    return str(subentry.data["secret"])


async def test_rotating_a_webhook_secret_needs_an_admin(
    hass: HomeAssistant, hass_admin_user: MockUser, hass_read_only_user: MockUser
) -> None:
    """A non-admin user can neither change an endpoint's secret nor read the new one."""
    entry = league_entry("demo", ["1"], endpoints=(ENDPOINT,))
    await setup_entry(hass, entry)
    data = {"config_entry_id": entry.entry_id, "endpoint_id": "e1"}

    with pytest.raises(Unauthorized):
        await hass.services.async_call(
            DOMAIN,
            "rotate_webhook_secret",
            data,
            blocking=True,
            return_response=True,
            context=Context(user_id=hass_read_only_user.id),
        )
    assert _secret(hass, entry.entry_id) == ENDPOINT.secret

    response = await hass.services.async_call(
        DOMAIN,
        "rotate_webhook_secret",
        data,
        blocking=True,
        return_response=True,
        context=Context(user_id=hass_admin_user.id),
    )
    assert response is not None
    assert response["secret"] != ENDPOINT.secret
    assert _secret(hass, entry.entry_id) == response["secret"]
    await hass.config_entries.async_unload(entry.entry_id)
