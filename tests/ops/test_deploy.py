"""Every configuration file of the production guide is real and parses."""

from __future__ import annotations

import configparser
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests import needs
from tests.ops.conftest import run

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
UNITS = sorted((DEPLOY / "systemd").glob("vestnik*.*"))
VESTNIK = str(Path(sys.executable).with_name("vestnik"))
SECTIONS = {
    ".service": {"Unit", "Service", "Install"},
    ".timer": {"Unit", "Timer", "Install"},
}


def _unit(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(path.read_text())
    return parser


def test_the_guide_names_only_files_that_exist():
    guide = (ROOT / "docs" / "production.md").read_text()
    named = set(re.findall(r"deploy/[\w./-]+\w", guide))
    assert {"deploy/nginx/vestnik.conf", "deploy/systemd/vestnik-backup.timer"} <= named
    for name in named:
        assert (ROOT / name).is_file(), name
    for file in DEPLOY.rglob("*"):
        if file.is_file():
            assert str(file.relative_to(ROOT)) in guide, f"{file} is not in the guide"


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_systemd_units_parse(path):
    unit = _unit(path)
    assert set(unit.sections()) <= SECTIONS[path.suffix]
    assert unit["Unit"]["Description"]
    if path.suffix == ".service":
        start = unit["Service"]["ExecStart"]
        assert start.startswith("/"), "systemd wants an absolute ExecStart"
        assert unit["Service"]["User"] == "vestnik"
        assert "/etc/vestnik/vestnik.env" in path.read_text()
    else:
        assert unit["Timer"]["OnCalendar"] and unit["Timer"]["Persistent"] == "true"
        assert path.with_suffix(".service").exists()


def test_systemd_analyze_verifies_the_units(tmp_path):
    analyze = needs.program("systemd-analyze")
    for path in UNITS:
        text = path.read_text().replace("/srv/vestnik/venv/bin/vestnik", VESTNIK)
        (tmp_path / path.name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", *sorted(str(p) for p in tmp_path.iterdir())],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr


def _self_signed(folder: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "news.example.org")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now).not_valid_after(now + dt.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    cert_file, key_file = folder / "fullchain.pem", folder / "privkey.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


def test_nginx_accepts_the_example_config(tmp_path):
    nginx = needs.program("nginx", needs.HINTS["nginx"], "/usr/sbin/nginx")
    cert, key = _self_signed(tmp_path)
    conf = (DEPLOY / "nginx" / "vestnik.conf").read_text()
    conf = conf.replace("/etc/letsencrypt/live/news.example.org/fullchain.pem", str(cert))
    conf = conf.replace("/etc/letsencrypt/live/news.example.org/privkey.pem", str(key))
    conf = conf.replace(
        "/etc/nginx/vestnik_proxy.conf", str(DEPLOY / "nginx" / "vestnik_proxy.conf")
    )
    conf = conf.replace("/var/log/nginx/", f"{tmp_path}/")
    (tmp_path / "vestnik.conf").write_text(conf)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{\n  access_log {tmp_path}/access.log;\n"
        f"  client_body_temp_path {tmp_path};\n  proxy_temp_path {tmp_path}/proxy;\n"
        f"  include {tmp_path}/vestnik.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def _env_file() -> dict[str, str]:
    values = {}
    for line in (DEPLOY / "vestnik.env").read_text().splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values[key] = value
    return values


@pytest.mark.slow
def test_check_deploy_is_clean_on_the_guides_configuration(cli_env, tmp_path):
    """`vestnik check --deploy` passes on deploy/vestnik.env after setup and one backup."""
    production = _env_file()
    home, public = tmp_path / "home", tmp_path / "public"
    env = {**cli_env, **production, "VESTNIK_HOME": str(home), "VESTNIK_PUBLISH_DIR": str(public)}
    env = {k: v for k, v in env.items() if k not in {"VESTNIK_DEBUG", "SECRET_KEY"}}
    setup = run(env, "migrate", "--no-input")
    assert setup.returncode == 0, setup.stderr
    # before the first backup, the check says so
    before = run(env, "check", "--deploy")
    assert "vestnik.W006" in before.stdout + before.stderr
    backup = run(env, "backup", str(tmp_path / "first.vbk"))
    assert backup.returncode == 0, backup.stderr
    result = run(env, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert os.stat(home / "secret_key").st_mode & 0o777 == 0o600
