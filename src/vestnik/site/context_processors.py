from __future__ import annotations


def site(request) -> dict:
    return {"edition": getattr(request, "edition", None)}
