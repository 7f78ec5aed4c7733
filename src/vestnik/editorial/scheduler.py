"""Publishes scheduled articles on time: a thread inside the server, or `vestnik worker`."""

from __future__ import annotations

import logging
import threading

from django.conf import settings
from django.db import close_old_connections, connection

log = logging.getLogger(__name__)


def interval() -> float:
    return settings.VESTNIK_SCHEDULER_INTERVAL


def tick() -> list[int]:
    """One round: publish what is due; never raises (a bad round is logged and retried)."""
    from vestnik.editorial.services import publish_due

    close_old_connections()
    try:
        return publish_due()
    except Exception:  # the loop must survive a database hiccup
        log.exception("vestnik scheduler: publishing scheduled articles failed")
        return []
    finally:
        connection.close()


def run_forever(stop: threading.Event, every: float | None = None) -> None:
    every = interval() if every is None else every
    while not stop.is_set():
        tick()
        stop.wait(every)


def start_thread() -> threading.Event:
    """Start the embedded scheduler (daemon thread); set the returned event to stop it."""
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(stop,), name="vestnik-scheduler", daemon=True
    )
    thread.start()
    return stop
