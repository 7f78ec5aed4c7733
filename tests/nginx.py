"""Run a real nginx for a test: one `server { … }` block, everything else in tmp_path."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.needs import program


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_nginx(folder: Path, server: str, port: int) -> Iterator[None]:
    """Start nginx with `server` (listening on 127.0.0.1:`port`) until the block ends."""
    nginx = program("nginx", "apt-get install nginx-light (CI installs it)", "/usr/sbin/nginx")
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\n"
        "daemon off;\nworker_processes 1;\nevents {}\n"
        "http {\n  default_type application/octet-stream;\n"
        f"  access_log {folder}/access.log;\n"
        f"  client_body_temp_path {folder}/body;\n  proxy_temp_path {folder}/proxy;\n"
        f"  fastcgi_temp_path {folder}/fcgi;\n  uwsgi_temp_path {folder}/uwsgi;\n"
        f"  scgi_temp_path {folder}/scgi;\n"
        f"{server}\n}}\n"
    )
    proc = subprocess.Popen(
        [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), 0.2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    error = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"nginx did not start: {error}")
                time.sleep(0.05)
        yield
    finally:
        proc.terminate()
        proc.wait(10)
