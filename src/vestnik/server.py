"""The production server behind `vestnik serve` and `vestnik demo`: gunicorn, in-process."""

from __future__ import annotations

import os

from django.conf import settings

from vestnik.accounts.clientip import trusted_networks


def default_workers() -> int:
    return max(2, (os.cpu_count() or 1) * 2)


def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: int | None = None,
    threads: int | None = None,
    scheduler_enabled: bool | None = None,
) -> None:
    from gunicorn.app.base import BaseApplication

    from vestnik.wsgi import application

    if not 1 <= port <= 65535:
        raise SystemExit(f"Port {port} is out of range 1–65535.")
    options = {
        "bind": f"{host}:{port}",
        "workers": workers or default_workers(),
        "threads": threads or 1,
        "accesslog": "-" if settings.DEBUG else None,
        "errorlog": "-",
        "loglevel": "warning",
        "timeout": 60,
        "graceful_timeout": 10,
        "max_requests": 5000,
        "max_requests_jitter": 500,
        # X-Forwarded-Proto is believed from the same proxies as the client's address
        "forwarded_allow_ips": settings.VESTNIK_FORWARDED_ALLOW_IPS
        or ",".join(str(n) for n in trusted_networks(settings.VESTNIK_TRUSTED_PROXIES)),
    }

    class VestnikServer(BaseApplication):
        def load_config(self):
            for key, value in options.items():
                if value is not None:
                    self.cfg.set(key, value)

        def load(self):
            return application

    if scheduler_enabled is None:
        scheduler_enabled = settings.VESTNIK_EMBEDDED_SCHEDULER

    def post_worker_init(worker) -> None:
        # Every worker runs the embedded scheduler; publishing is idempotent (see
        # editorial.services.publish_one_due), so several pollers are harmless.
        if scheduler_enabled:
            from vestnik.editorial.scheduler import start_thread

            start_thread()

    options["post_worker_init"] = post_worker_init

    print(f"vestnik: serving http://{host}:{port}/ with {options['workers']} workers", flush=True)  # noqa: T201
    VestnikServer().run()
