"""The backup file: a framed tar.gz, optionally encrypted with a passphrase.

Layout of a plain archive::

    b"VESTNIK-BACKUP 1 plain\\n"  tar.gz bytes  SHA-256(header + tar.gz)  b"VESTNIK-END\\n"

The trailing digest covers every byte before it, so a truncated file or one flipped bit
anywhere (gzip headers and deflate padding included, which gzip's own CRC misses) is
refused before anything is read. The tar.gz in the middle is ordinary.

An encrypted archive::

    b"VESTNIK-BACKUP 1 aes256gcm\\n"  salt(16) log2_n r p (1 byte each)  nonce prefix(7)
    then chunks: length (4 bytes, big endian)  AES-256-GCM(chunk of the tar.gz)

Each chunk's nonce is the prefix, a 32-bit counter and a "last chunk" flag, and the
whole header is the associated data of every chunk (the STREAM construction): reordered,
dropped, truncated or altered chunks and a changed header all fail authentication. The
key comes from the passphrase through scrypt.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import struct
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

PLAIN_HEADER = b"VESTNIK-BACKUP 1 plain\n"
ENCRYPTED_HEADER = b"VESTNIK-BACKUP 1 aes256gcm\n"
TRAILER_TAG = b"VESTNIK-END\n"
TRAILER_LEN = 32 + len(TRAILER_TAG)
CHUNK = 1 << 20
# scrypt cost: 2**17 × 8 × 128 bytes = 128 MiB and about a second per try; readers
# refuse higher costs so that a hostile header cannot exhaust memory.
SCRYPT_LOG_N = 17
SCRYPT_R = 8
SCRYPT_P = 1
MAX_LOG_N = 20
GZIP_LEVEL = 3


class ArchiveError(Exception):
    """The file is not a usable vestnik backup; the message says why."""


def derive_key(passphrase: str, salt: bytes, log_n: int, r: int, p: int) -> bytes:
    if not passphrase:
        raise ArchiveError("The passphrase is empty.")
    if not (10 <= log_n <= MAX_LOG_N and 1 <= r <= 16 and 1 <= p <= 4):
        raise ArchiveError("The archive asks for unreasonable key-derivation costs; refused.")
    kdf = Scrypt(salt=salt, length=32, n=1 << log_n, r=r, p=p)
    return kdf.derive(passphrase.encode("utf-8"))


class _HashingWriter:
    """A file object that hashes what it writes (the plain archive's trailer)."""

    def __init__(self, raw: BinaryIO, digest: hashlib._Hash) -> None:
        self.raw = raw
        self.digest = digest

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def close(self) -> None:
        pass


class _EncryptingWriter:
    """Buffers the tar.gz stream and writes it as authenticated chunks."""

    def __init__(self, raw: BinaryIO, passphrase: str, log_n: int | None = None) -> None:
        log_n = log_n or SCRYPT_LOG_N
        salt = os.urandom(16)
        self.prefix = os.urandom(7)
        self.header = ENCRYPTED_HEADER + salt + bytes([log_n, SCRYPT_R, SCRYPT_P]) + self.prefix
        self.aead = AESGCM(derive_key(passphrase, salt, log_n, SCRYPT_R, SCRYPT_P))
        self.raw = raw
        self.buffer = bytearray()
        self.counter = 0
        raw.write(self.header)

    def _emit(self, data: bytes, last: bool) -> None:
        nonce = self.prefix + struct.pack(">I", self.counter) + (b"\x01" if last else b"\x00")
        sealed = self.aead.encrypt(nonce, data, self.header)
        self.raw.write(struct.pack(">I", len(sealed)) + sealed)
        self.counter += 1

    def write(self, data: bytes) -> int:
        self.buffer += data
        while len(self.buffer) > CHUNK:
            self._emit(bytes(self.buffer[:CHUNK]), last=False)
            del self.buffer[:CHUNK]
        return len(data)

    def flush(self) -> None:
        self.raw.flush()

    def finish(self) -> None:
        self._emit(bytes(self.buffer), last=True)
        self.buffer.clear()


class ArchiveWriter:
    """Write an archive to `path` + ".partial", then fsync and rename it into place."""

    def __init__(self, path: Path, passphrase: str | None = None) -> None:
        self.path = path
        self.partial = path.with_name(path.name + ".partial")
        # The archive holds the secret key: only its owner may read it.
        fd = os.open(self.partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)
        self.raw: BinaryIO = os.fdopen(fd, "wb")
        self.digest = hashlib.sha256()
        self.sink: _HashingWriter | _EncryptingWriter
        if passphrase is None:
            self.sink = _HashingWriter(self.raw, self.digest)
            self.sink.write(PLAIN_HEADER)
        else:
            self.sink = _EncryptingWriter(self.raw, passphrase)
        # mtime=0 and no file name: the same content gives the same bytes.
        self.gzip = gzip.GzipFile(
            filename="", fileobj=self.sink, mode="wb", compresslevel=GZIP_LEVEL, mtime=0
        )

    @property
    def stream(self) -> gzip.GzipFile:
        """Where the tar goes."""
        return self.gzip

    def commit(self) -> int:
        self.gzip.close()
        if isinstance(self.sink, _EncryptingWriter):
            self.sink.finish()
        else:
            self.raw.write(self.digest.digest() + TRAILER_TAG)
        self.raw.flush()
        os.fsync(self.raw.fileno())
        size = self.raw.tell()
        self.raw.close()
        os.replace(self.partial, self.path)
        _fsync_dir(self.path.parent)
        return size

    def abort(self) -> None:
        try:
            self.raw.close()
        finally:
            self.partial.unlink(missing_ok=True)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class _Bounded:
    """Read at most `length` bytes of `raw` (the tar.gz between header and trailer)."""

    def __init__(self, raw: BinaryIO, length: int) -> None:
        self.raw = raw
        self.left = length

    def read(self, size: int = -1) -> bytes:
        if size < 0 or size > self.left:
            size = self.left
        data = self.raw.read(size)
        self.left -= len(data)
        return data


def kind(path: Path) -> str:
    """ "plain" or "encrypted"; ArchiveError for anything else."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(ENCRYPTED_HEADER))
    except IsADirectoryError as exc:
        raise ArchiveError(f"{path} is a directory, not a backup file.") from exc
    except OSError as exc:
        raise ArchiveError(f"Cannot read {path}: {exc.strerror}.") from exc
    if head.startswith(PLAIN_HEADER):
        return "plain"
    if head == ENCRYPTED_HEADER:
        return "encrypted"
    raise ArchiveError(f"{path} is not a vestnik backup (it does not start with a vestnik header).")


def open_tar_stream(
    path: Path, scratch: Path, passphrase: Callable[[], str]
) -> tuple[gzip.GzipFile, Callable[[], None]]:
    """Check the archive's integrity and return (decompressed tar stream, closer).

    A plain archive's digest is checked over the whole file first. An encrypted one is
    decrypted and authenticated chunk by chunk into `scratch` first.
    """
    if kind(path) == "plain":
        size = path.stat().st_size
        body = size - len(PLAIN_HEADER) - TRAILER_LEN
        if body <= 0:
            raise ArchiveError(f"{path} is truncated: it is too short to be a backup.")
        digest = hashlib.sha256()
        with open(path, "rb") as f:
            left = size - TRAILER_LEN
            while left:
                data = f.read(min(CHUNK, left))
                if not data:
                    raise ArchiveError(f"{path} changed while it was being read.")
                digest.update(data)
                left -= len(data)
            trailer = f.read()
        if trailer[32:] != TRAILER_TAG:
            raise ArchiveError(f"{path} is truncated or damaged: its end marker is missing.")
        if trailer[:32] != digest.digest():
            raise ArchiveError(f"{path} is damaged or was altered: its checksum does not match.")
        raw = open(path, "rb")  # noqa: SIM115 - closed by the returned closer
        raw.seek(len(PLAIN_HEADER))
        source: BinaryIO = _Bounded(raw, body)  # type: ignore[assignment]
    else:
        plain = scratch / "archive.tar.gz"
        _decrypt(path, plain, passphrase())
        raw = open(plain, "rb")  # noqa: SIM115 - closed by the returned closer
        source = raw
    stream = gzip.GzipFile(fileobj=source, mode="rb")

    def close() -> None:
        stream.close()
        raw.close()

    return stream, close


def _decrypt(path: Path, out: Path, passphrase: str) -> None:
    fixed = len(ENCRYPTED_HEADER) + 16 + 3 + 7
    with open(path, "rb") as f, open(out, "wb") as sink:
        header = f.read(fixed)
        if len(header) < fixed:
            raise ArchiveError(f"{path} is truncated: the encryption header is incomplete.")
        salt = header[len(ENCRYPTED_HEADER) : len(ENCRYPTED_HEADER) + 16]
        log_n, r, p = header[len(ENCRYPTED_HEADER) + 16 : len(ENCRYPTED_HEADER) + 19]
        prefix = header[-7:]
        aead = AESGCM(derive_key(passphrase, salt, log_n, r, p))
        counter = 0
        while True:
            length_bytes = f.read(4)
            if len(length_bytes) < 4:
                raise ArchiveError(f"{path} is truncated: its last encrypted block is missing.")
            (length,) = struct.unpack(">I", length_bytes)
            if length > CHUNK + 16 or length < 16:
                raise ArchiveError(f"{path} is damaged: an encrypted block has a bad length.")
            sealed = f.read(length)
            if len(sealed) < length:
                raise ArchiveError(f"{path} is truncated inside an encrypted block.")
            nonce_base = prefix + struct.pack(">I", counter)
            last = False
            try:
                data = aead.decrypt(nonce_base + b"\x00", sealed, header)
            except InvalidTag:
                try:
                    data = aead.decrypt(nonce_base + b"\x01", sealed, header)
                    last = True
                except InvalidTag as exc:
                    if counter == 0:
                        raise ArchiveError(
                            "Wrong passphrase, or the archive was altered (it cannot be decrypted)."
                        ) from exc
                    raise ArchiveError(
                        f"{path} is damaged or was altered: block {counter} fails authentication."
                    ) from exc
            sink.write(data)
            counter += 1
            if last:
                if f.read(1):
                    raise ArchiveError(f"{path} has data after its last block; refused.")
                return
