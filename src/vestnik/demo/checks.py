"""vestnik.W009 (`vestnik check --deploy`): the demo accounts must not reach production.

The IDs of all deployment checks are listed in vestnik/ops/checks.py.
"""

from __future__ import annotations

from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.security, deploy=True)
def check_demo_accounts(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    from vestnik.demo.accounts import existing

    try:
        names = existing()
    except DatabaseError:  # not migrated yet: no accounts at all
        return []
    if names:
        return [
            Warning(
                f"Demo accounts exist: {', '.join(names)}. Their passwords and second factors "
                "were printed on a terminal.",
                hint="Disable them with `vestnik demo --remove-accounts` before going live.",
                id="vestnik.W009",
            )
        ]
    return []
