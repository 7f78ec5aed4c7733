"""Members of the "administrator" group hold every permission, as superusers do."""

from __future__ import annotations

from django.contrib.auth.backends import BaseBackend

from vestnik.editorial.roles import is_administrator


class AdministratorPermissions(BaseBackend):
    def has_perm(self, user_obj, perm, obj=None) -> bool:
        return is_administrator(user_obj)

    def has_module_perms(self, user_obj, app_label) -> bool:
        return is_administrator(user_obj)
