"""Security events for the audit log.

`security_event` is sent with keyword arguments ``action`` (a short stable name such as
``"2fa_enrolled"``), ``user`` (the account concerned, or None when unknown), ``request``
(or None outside a request) and ``details`` (a JSON-serialisable dict).

Actions: ``2fa_enrolled``, ``2fa_removed``, ``recovery_code_used``,
``recovery_codes_regenerated``, ``lockout``.
"""

from django.dispatch import Signal

security_event = Signal()

TWO_FACTOR_ENROLLED = "2fa_enrolled"
TWO_FACTOR_REMOVED = "2fa_removed"
RECOVERY_CODE_USED = "recovery_code_used"
RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated"
LOCKOUT = "lockout"
