"""Signing per Standard Webhooks, checked against the reference `standardwebhooks` package."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from custom_components.live_sports.webhooks.signer import (
    SECRET_PREFIX,
    SignatureError,
    generate_secret,
    secret_key,
    sign,
    sign_headers,
    verify,
)

NOW = 1_662_926_400
BODY = b'{"type":"live_sports.score_changed","data":{"home_score":27}}'


def test_generated_secret_format() -> None:
    secret = generate_secret()
    assert secret.startswith(SECRET_PREFIX)
    assert len(base64.b64decode(secret.removeprefix(SECRET_PREFIX))) >= 24
    assert generate_secret() != secret


@pytest.mark.freeze_time(datetime.fromtimestamp(NOW, UTC))
def test_reference_verifier_accepts_our_signature() -> None:
    secret = generate_secret()
    headers = sign_headers([secret], "msg_1", NOW, BODY)
    assert Webhook(secret).verify(BODY, headers)["data"]["home_score"] == 27
    assert sign(secret, "msg_1", NOW, BODY) == Webhook(secret).sign(
        "msg_1", datetime.fromtimestamp(NOW, UTC), BODY.decode()
    )


@pytest.mark.freeze_time(datetime.fromtimestamp(NOW, UTC))
def test_two_secrets_give_two_signatures_each_verifying() -> None:
    new, old = generate_secret(), generate_secret()
    headers = sign_headers([new, old], "msg_1", NOW, BODY)
    assert len(headers["webhook-signature"].split(" ")) == 2
    Webhook(new).verify(BODY, headers)
    Webhook(old).verify(BODY, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook(generate_secret()).verify(BODY, headers)


def test_verify_accepts_and_rejects() -> None:
    secret = generate_secret()
    headers = sign_headers([generate_secret(), secret], "msg_1", NOW, BODY)
    verify(secret, headers, BODY, NOW + 10)
    verify(secret, {key.upper(): value for key, value in headers.items()}, BODY, NOW)
    with pytest.raises(SignatureError, match="no matching"):
        verify(secret, headers, BODY.replace(b"27", b"28"), NOW)
    with pytest.raises(SignatureError, match="no matching"):
        verify(secret, {**headers, "webhook-id": "msg_2"}, BODY, NOW)
    with pytest.raises(SignatureError, match="tolerance"):
        verify(secret, headers, BODY, NOW + 301)
    with pytest.raises(SignatureError, match="tolerance"):
        verify(secret, headers, BODY, NOW - 301)
    with pytest.raises(SignatureError, match="missing"):
        verify(secret, {"webhook-id": "msg_1"}, BODY, NOW)
    with pytest.raises(SignatureError, match="invalid"):
        verify(secret, {**headers, "webhook-timestamp": "soon"}, BODY, NOW)
    with pytest.raises(SignatureError, match="no matching"):
        verify(secret, {**headers, "webhook-signature": "v2,abc"}, BODY, NOW)


def test_secret_key_rejects_non_secrets() -> None:
    assert secret_key("whsec_" + base64.b64encode(b"k" * 24).decode()) == b"k" * 24
    with pytest.raises(ValueError, match="base64"):
        secret_key("whsec_not base64!")
    with pytest.raises(ValueError, match="empty"):
        secret_key("whsec_")
