"""The schema type of the Home Assistant release the code runs on.

Home Assistant 2026.9+ validates with probatio and aliases ``voluptuous`` to it
at run time, and types its schema parameters with probatio; earlier releases
use voluptuous. At run time ``voluptuous.Schema`` is therefore always the
schema Home Assistant expects. For mypy, which cannot see that alias, the
Python version tells the releases apart: the oldest supported release
(2025.4) runs on Python 3.13, the newest tested one (2026.10) on 3.14.
Import ``Schema`` from here, and ``voluptuous`` as usual for markers.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING and sys.version_info >= (3, 14):
    from probatio import Schema  # pragma: no cover - read by mypy only
else:
    from voluptuous import Schema

__all__ = ["Schema"]
