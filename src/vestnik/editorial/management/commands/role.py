from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from vestnik.content.models import Edition
from vestnik.editorial import roles


class Command(BaseCommand):
    help = "Grant or revoke a newsroom role: contributor/editor per edition, or administrator."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["grant", "revoke"])
        parser.add_argument("username")
        parser.add_argument("role", choices=["contributor", "editor", "administrator"])
        parser.add_argument("--edition", help="edition code (not for administrator)")

    def handle(self, *args, action, username, role, edition, **options):
        user = get_user_model().objects.filter(username=username[:150]).first()
        if user is None:
            raise CommandError(f"No user {username!r}; create it with `vestnik createsuperuser`.")
        if role == "administrator":
            if action == "grant":
                roles.make_administrator(user)
            else:
                user.groups.remove(*user.groups.filter(name=roles.ADMINISTRATOR_GROUP))
            self.stdout.write(f"{username}: administrator {action}ed")
            return
        ed = Edition.objects.filter(code=(edition or "")[:10]).first()
        if ed is None:
            codes = ", ".join(Edition.objects.values_list("code", flat=True)) or "none yet"
            raise CommandError(f"Give --edition, one of: {codes}.")
        if action == "grant":
            roles.grant_role(user, ed, role)
        else:
            roles.revoke_role(user, ed)
        self.stdout.write(f"{username}: {role} in {ed.code} {action}ed")
