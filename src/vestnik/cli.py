"""The `vestnik` command: Django's manage.py plus vestnik's own subcommands."""

from __future__ import annotations

import os
import sys

# Every command but these makes the data folder and its secret key first (`vestnik init`),
# so every process of the site reads the same key; these only look and write nothing.
LOOKING = {"check", "settings", "diffsettings", "help", "version", "--help", "-h", "--version"}


def main(argv: list[str] | None = None) -> None:
    args = list(argv if argv is not None else sys.argv[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vestnik.settings")
    from django.core.exceptions import ImproperlyConfigured

    from vestnik import conf, home

    try:
        values = conf.load()
    except ImproperlyConfigured as exc:  # a malformed variable: one line, no traceback
        sys.exit(f"vestnik: {exc}")
    if args and args[0] not in LOOKING:
        for made in home.prepare(values):
            print(f"vestnik: created {made}", file=sys.stderr)  # noqa: T201
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vestnik", *args])


if __name__ == "__main__":
    main()
