"""Case and application numbers: `No. 12345/06` as written, `12345/06` for lookup."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_NUMBER = 60
# "No.", "no", "№", "N°", "Application no.", "Communication No." … before the number itself.
_PREFIX = re.compile(
    r"^\s*(?:(?:application|communication|case|appl\.?|дело|жалоба|сообщение)\s*)?"
    r"(?:nos?\.?|№|n°|nº)?\s*",
    re.IGNORECASE,
)
_KEY = re.compile(r"^[0-9A-ZА-ЯЁ][0-9A-ZА-ЯЁ\-/.]*$")
_ECTHR = re.compile(r"^[0-9]{1,6}/[0-9]{2}$")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "⁄": "/"})


def normalise_number(raw: str, strict_ecthr: bool = False) -> str:
    """The lookup key of a case number; raises ValidationError when it is malformed.

    `No. 12345/06`, `no 12345/06`, `№ 12345/06` and `12345 / 06` all give `12345/06`.
    With `strict_ecthr` the key must be the European Court's `number/yy` form.
    """
    text = (raw or "").translate(_DASHES).strip()
    if not text:
        return ""
    if len(text) > MAX_NUMBER:
        raise ValidationError(
            _("A case number is at most %(n)s characters."), params={"n": MAX_NUMBER}
        )
    key = _PREFIX.sub("", text, count=1)
    key = re.sub(r"\s*([/\-.])\s*", r"\1", key).replace(" ", "-").upper()
    if not key or not _KEY.match(key) or not re.search(r"[0-9]", key):
        raise ValidationError(
            _("“%(value)s” is not a case number; write it like No. 12345/06 or 2-1234/2019."),
            params={"value": text},
        )
    if strict_ecthr and not _ECTHR.match(key):
        raise ValidationError(
            _("A European Court application number looks like No. 12345/06."),
        )
    return key


def lookup_key(query: str) -> str:
    """The key of what a reader typed, or "" when it is no case number."""
    try:
        return normalise_number(query)
    except ValidationError:
        return ""
