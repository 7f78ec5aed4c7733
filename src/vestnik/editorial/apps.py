from django.apps import AppConfig


class EditorialConfig(AppConfig):
    name = "vestnik.editorial"
    label = "vestnik_editorial"
    verbose_name = "Editorial"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from vestnik.accounts.signals import security_event
        from vestnik.editorial import audit  # connects the auth signal receivers too

        post_migrate.connect(_administrator_group, dispatch_uid="vestnik_editorial_admin_group")
        # 2FA enrolment and removal, recovery-code use, lockouts: into the audit log
        security_event.connect(audit.on_security_event, dispatch_uid="vestnik_audit_security")


def _administrator_group(sender, using="default", **kwargs) -> None:
    # Runs after every app's post_migrate; permissions of apps migrated later are added
    # on their own post_migrate call, so the group always holds them all.
    from vestnik.editorial.roles import ensure_administrator_group

    ensure_administrator_group()
