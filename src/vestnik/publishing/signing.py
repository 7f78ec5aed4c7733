"""The site's Ed25519 publishing key and the signed manifest of a static tree."""

from __future__ import annotations

import base64
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

MANIFEST = "MANIFEST.json"
SIGNATURE = "MANIFEST.json.sig"
KEY_URL_PATH = ".well-known/vestnik-publish-key.txt"
KEY_FILE = "publish-ed25519.key"


def key_dir() -> Path:
    from vestnik import conf

    return conf.home() / "keys"


def signing_key(directory: Path | None = None) -> SigningKey:
    """The site's key, generated (mode 0600) on first use."""
    directory = directory or key_dir()
    path = directory / KEY_FILE
    try:
        return SigningKey(base64.b64decode(path.read_bytes().strip()))
    except FileNotFoundError:
        pass
    directory.mkdir(parents=True, exist_ok=True)
    key = SigningKey.generate()
    tmp = path.with_name(f".{KEY_FILE}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, base64.b64encode(bytes(key)) + b"\n")
    finally:
        os.close(fd)
    try:
        os.link(tmp, path)  # never replace a key another process created meanwhile
    except FileExistsError:
        os.unlink(tmp)
        return signing_key(directory)
    os.unlink(tmp)
    return key


def public_key_text(key: SigningKey | None = None) -> str:
    """What /.well-known/vestnik-publish-key.txt serves: `ed25519 <base64>` and a newline."""
    key = key or signing_key()
    return f"ed25519 {base64.b64encode(bytes(key.verify_key)).decode()}\n"


def parse_public_key(text: str) -> VerifyKey:
    """Accept the key file's text (`ed25519 <base64>`) or the bare base64 key."""
    word = text.strip().split()[-1] if text.strip() else ""
    try:
        raw = base64.b64decode(word, validate=True)
        return VerifyKey(raw)
    except Exception as exc:  # binascii.Error, nacl ValueError/TypeError
        raise ValueError("not an Ed25519 public key (expected 'ed25519 <base64>')") from exc


def manifest_bytes(files: dict[str, tuple[str, int]], build_id: str) -> bytes:
    """MANIFEST.json: every file of the tree (but the manifest pair) with SHA-256 and size."""
    body = {
        "format": "vestnik-manifest-1",
        "build": build_id,
        "files": {p: {"sha256": h, "size": s} for p, (h, s) in sorted(files.items())},
    }
    return json.dumps(body, ensure_ascii=False, indent=0, sort_keys=True).encode()


def sign(data: bytes, key: SigningKey) -> bytes:
    return base64.b64encode(key.sign(data).signature) + b"\n"


@dataclass
class VerifyReport:
    missing: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not (self.missing or self.extra or self.altered or self.errors)

    def lines(self) -> list[str]:
        out = [f"error: {e}" for e in self.errors]
        out += [f"missing: {p}" for p in self.missing]
        out += [f"extra: {p}" for p in self.extra]
        out += [f"altered: {p}" for p in self.altered]
        return out


def _sha256(path: Path) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def verify_tree(root: Path, key: VerifyKey | None = None) -> VerifyReport:
    """Check a tree against its signed manifest; name every missing, extra, altered file.

    `key` is the key the caller trusts; without one, the key published inside the tree
    is used, which proves integrity of the copy but not who made it.
    """
    report = VerifyReport()
    root = Path(root)
    if not root.is_dir():
        report.errors.append(f"{root} is not a directory")
        return report
    try:
        data = (root / MANIFEST).read_bytes()
    except OSError:
        report.errors.append(f"{MANIFEST} is missing")
        return report
    try:
        signature = base64.b64decode((root / SIGNATURE).read_bytes().strip(), validate=True)
    except (OSError, ValueError):
        report.errors.append(f"{SIGNATURE} is missing or unreadable")
        signature = b""
    if key is None:
        try:
            key = parse_public_key((root / KEY_URL_PATH).read_text())
        except (OSError, ValueError) as exc:
            report.errors.append(f"no usable public key in the tree: {exc}")
    if key is not None and signature:
        try:
            key.verify(data, signature)
        except (BadSignatureError, ValueError):
            report.errors.append("bad signature: MANIFEST.json was not signed by this key")
    try:
        manifest = json.loads(data)
        files = manifest["files"]
        if not isinstance(files, dict):
            raise TypeError("files is not an object")
    except (ValueError, KeyError, TypeError) as exc:
        report.errors.append(f"{MANIFEST} is not a vestnik manifest: {exc}")
        return report
    present = set()
    for dirpath, _dirs, names in os.walk(root):
        for name in names:
            rel = os.path.relpath(os.path.join(dirpath, name), root).replace(os.sep, "/")
            present.add(rel)
    present.discard(MANIFEST)
    present.discard(SIGNATURE)
    for rel, entry in sorted(files.items()):
        if rel not in present:
            report.missing.append(rel)
            continue
        report.checked += 1
        try:
            digest, size = _sha256(root / rel)
        except OSError:
            report.missing.append(rel)
            continue
        if not isinstance(entry, dict) or (digest, size) != (
            entry.get("sha256"),
            entry.get("size"),
        ):
            report.altered.append(rel)
    report.extra = sorted(present - set(files))
    return report
