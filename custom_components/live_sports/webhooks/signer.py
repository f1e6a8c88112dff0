"""Standard Webhooks signing: secrets, signatures and their verification.

Pure: no Home Assistant, no I/O, no clock (times are parameters). A secret is
``whsec_`` + base64 of random bytes; a signature is ``v1,`` + base64 of
HMAC-SHA256 over ``"<webhook-id>.<webhook-timestamp>.<body>"``. Several
signatures (during a secret rotation) are joined by spaces.
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterable, Mapping
import hashlib
import hmac
import secrets
from typing import Final

SECRET_PREFIX: Final = "whsec_"  # noqa: S105 - the prefix, not a secret
SECRET_BYTES: Final = 32
"""Random bytes in a generated secret (the spec asks for 24 to 64)."""
TOLERANCE: Final = 300
"""Seconds a receiver accepts between a delivery's timestamp and its own clock."""

HEADER_ID: Final = "webhook-id"
HEADER_TIMESTAMP: Final = "webhook-timestamp"
HEADER_SIGNATURE: Final = "webhook-signature"


class SignatureError(Exception):
    """A delivery's headers or signature do not verify."""


def generate_secret() -> str:
    """Return a new random signing secret."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_key(secret: str) -> bytes:
    """Return the HMAC key of a secret; raise ValueError if it is not one."""
    try:
        key = base64.b64decode(secret.removeprefix(SECRET_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        raise ValueError("not a base64 webhook secret") from None
    if not key:
        raise ValueError("empty webhook secret")
    return key


def sign(secret: str, msg_id: str, timestamp: int, body: bytes) -> str:
    """Return the ``v1,<base64>`` signature of one delivery."""
    signed = f"{msg_id}.{timestamp}.".encode() + body
    digest = hmac.new(secret_key(secret), signed, hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def sign_headers(
    signing_secrets: Iterable[str], msg_id: str, timestamp: int, body: bytes
) -> dict[str, str]:
    """Return the Standard Webhooks headers, one signature per secret."""
    return {
        HEADER_ID: msg_id,
        HEADER_TIMESTAMP: str(timestamp),
        HEADER_SIGNATURE: " ".join(
            sign(secret, msg_id, timestamp, body) for secret in signing_secrets
        ),
    }


def verify(
    secret: str, headers: Mapping[str, str], body: bytes, now: int, tolerance: int = TOLERANCE
) -> None:
    """Check a delivery as a receiver would; raise SignatureError if it fails."""
    lower = {key.lower(): value for key, value in headers.items()}
    msg_id = lower.get(HEADER_ID)
    timestamp = lower.get(HEADER_TIMESTAMP)
    signatures = lower.get(HEADER_SIGNATURE)
    if not (msg_id and timestamp and signatures):
        raise SignatureError("missing webhook headers")
    try:
        sent = int(timestamp)
    except ValueError:
        raise SignatureError("invalid webhook-timestamp") from None
    if abs(now - sent) > tolerance:
        raise SignatureError("webhook-timestamp outside the tolerance")
    expected = sign(secret, msg_id, sent, body)
    for candidate in signatures.split(" "):
        if candidate.startswith("v1,") and hmac.compare_digest(candidate, expected):
            return
    raise SignatureError("no matching signature")
