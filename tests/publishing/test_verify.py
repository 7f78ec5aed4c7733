"""`vestnik verify` names every missing, extra and altered file and a bad signature."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from tests.publishing.factories import tiny_site
from vestnik.publishing import signing
from vestnik.publishing.services import publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(keys_home, tmp_path):
    tiny_site(3)
    return publish(tmp_path / "out", workers=1).path


def verify(*args) -> tuple[bool, str]:
    out = io.StringIO()
    try:
        call_command("verify", *args, stdout=out)
    except CommandError as exc:
        return False, out.getvalue() + str(exc)
    return True, out.getvalue()


def test_a_fresh_build_verifies(tree):
    ok, text = verify(str(tree.parent.parent))  # the published dir: follows current
    assert ok and "OK" in text


def test_tampered_mirror_is_named_file_by_file(tree):
    (tree / "en" / "index.html").write_bytes(b"defaced")
    (tree / "en" / "about" / "index.html").unlink()
    (tree / "en" / "extra.html").write_text("injected")
    ok, text = verify(str(tree))
    assert not ok
    assert "altered: en/index.html" in text
    assert "missing: en/about/index.html" in text
    assert "extra: en/extra.html" in text


def test_forged_manifest_fails_the_signature(tree):
    manifest = tree / signing.MANIFEST
    manifest.write_bytes(manifest.read_bytes().replace(b'"format"', b'"format" ', 1))
    ok, text = verify(str(tree))
    assert not ok and "bad signature" in text


def test_a_tree_signed_by_another_key_fails_with_the_trusted_key(tree, tmp_path):
    other = signing.signing_key(tmp_path / "other-keys")
    manifest = (tree / signing.MANIFEST).read_bytes()
    (tree / signing.SIGNATURE).write_bytes(signing.sign(manifest, other))
    (tree / signing.KEY_URL_PATH).write_text(signing.public_key_text(other))
    assert signing.verify_tree(tree, None).ok is False  # key file is in the manifest: altered
    ok, text = verify(str(tree))
    assert not ok and "bad signature" in text


@pytest.mark.parametrize("key", ["", "ed25519 !!!", "ed25519 " + "A" * 5000, "\x00"])
def test_bad_key_argument_is_a_clear_error(tree, key):
    if not key:
        return
    ok, text = verify(str(tree), "--key", key)
    assert not ok and "--key" in text


def test_not_a_tree_is_a_clear_error(tmp_path):
    ok, text = verify(str(tmp_path))
    assert not ok and "MANIFEST.json is missing" in text
    ok, text = verify(str(tmp_path / "nope"))
    assert not ok and "not a directory" in text


def test_the_live_site_serves_the_key_the_tree_carries(client, tree):
    response = client.get("/.well-known/vestnik-publish-key.txt")
    assert response.status_code == 200
    assert response.content == (tree / signing.KEY_URL_PATH).read_bytes()
    assert response.content.startswith(b"ed25519 ")
