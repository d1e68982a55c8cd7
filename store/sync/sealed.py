"""Sealing what travels between sites, with libsodium (PyNaCl), nothing home-made.

A bundle is encrypted for its reader (a Curve25519 box between the two sites' keys) and signed
by its writer (Ed25519) over its header and ciphertext: the reader checks the signature with
the key it enrolled before it decrypts or decompresses anything, so a tampered, truncated,
foreign or wrongly signed file is refused before a byte of it is believed. An enrolment file
is sealed with a key derived from a passphrase (Argon2id), given separately from the file.
"""

import json
import zlib
from dataclasses import dataclass
from pathlib import Path

import nacl.bindings
import nacl.exceptions
import nacl.pwhash
import nacl.secret
import nacl.utils
from nacl.public import Box, PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey

from store.core.errors import PhutrachError
from store.lang.i18n import _

BUNDLE_MAGIC = b"phutrach-bundle 1\n"
ENROLMENT_MAGIC = b"phutrach-enrolment 1\n"
_HEADER_MAX = 4096  # a header is a few hundred bytes; more is not ours
_PLAIN_MAX = 512 * 1024 * 1024  # what a bundle may inflate to
_SIG = nacl.bindings.crypto_sign_BYTES


@dataclass(frozen=True)
class Keys:
    """A site's own keys: one to sign what it writes, one to open what is written for it."""

    signing: SigningKey
    box: PrivateKey

    @classmethod
    def generate(cls) -> "Keys":
        return cls(SigningKey.generate(), PrivateKey.generate())

    @property
    def public(self) -> "PublicKeys":
        return PublicKeys(self.signing.verify_key, self.box.public_key)

    def to_json(self) -> dict:
        return {"signing": bytes(self.signing).hex(), "box": bytes(self.box).hex()}

    @classmethod
    def from_json(cls, data: dict) -> "Keys":
        return cls(
            SigningKey(bytes.fromhex(data["signing"])), PrivateKey(bytes.fromhex(data["box"]))
        )


@dataclass(frozen=True)
class PublicKeys:
    """What another site knows of one: enough to check its signature and write for it."""

    verify: VerifyKey
    box: PublicKey

    def to_json(self) -> dict:
        return {"verify": bytes(self.verify).hex(), "box": bytes(self.box).hex()}

    @classmethod
    def from_json(cls, data: dict) -> "PublicKeys":
        return cls(VerifyKey(bytes.fromhex(data["verify"])), PublicKey(bytes.fromhex(data["box"])))


def seal_bundle(header: dict, payload: bytes, sender: Keys, reader: PublicKeys) -> bytes:
    """The bundle file's bytes: magic, then the signed (header length, header, ciphertext)."""
    head = json.dumps(header, sort_keys=True).encode()
    secret = Box(sender.box, reader.box).encrypt(zlib.compress(payload, 6))
    signed = sender.signing.sign(len(head).to_bytes(4, "big") + head + secret)
    return BUNDLE_MAGIC + bytes(signed)


def bundle_header(data: bytes) -> dict:
    """The header of a bundle, read but not yet believed: it names the sender, whose key the
    reader looks up to check the signature (open_bundle)."""
    body = _body(data, BUNDLE_MAGIC)
    size = int.from_bytes(body[_SIG : _SIG + 4], "big")
    if size > _HEADER_MAX or len(body) < _SIG + 4 + size:
        raise _unreadable()
    try:
        header = json.loads(body[_SIG + 4 : _SIG + 4 + size])
    except ValueError as exc:
        raise _unreadable() from exc
    if not isinstance(header, dict):
        raise _unreadable()
    return header


def open_bundle(data: bytes, reader: Keys, sender: PublicKeys) -> tuple[dict, bytes]:
    """The header and payload of a bundle, once its signature is the sender's and it opens
    with the reader's key; otherwise one message and nothing returned."""
    body = _body(data, BUNDLE_MAGIC)
    try:
        message = sender.verify.verify(body)
    except nacl.exceptions.BadSignatureError as exc:
        raise PhutrachError(
            _("The bundle is not signed by the site it names: it was altered or cut short.")
        ) from exc
    size = int.from_bytes(message[:4], "big")
    header = json.loads(message[4 : 4 + size])
    try:
        packed = Box(reader.box, sender.box).decrypt(message[4 + size :])
    except nacl.exceptions.CryptoError as exc:
        raise PhutrachError(_("The bundle was not written for this site.")) from exc
    return header, _inflate(packed)


FILE_MAX = 256 * 1024 * 1024  # a province's month is megabytes; more is not a bundle


def read_file(path: Path, kind: str = "bundle") -> bytes:
    """The bytes of a bundle or enrolment file (`kind`: "bundle" or "enrolment"), refused
    unread, and named as what it was given as, when larger than any is."""
    try:
        if path.stat().st_size > FILE_MAX:
            raise _unreadable(kind)
        return path.read_bytes()
    except OSError as exc:
        raise PhutrachError(
            _("Cannot read {path}: {error}").format(path=path, error=exc.strerror)
        ) from exc


def seal_enrolment(payload: bytes, passphrase: str) -> bytes:
    """An enrolment file: a salt, then the payload sealed with the passphrase's key."""
    salt = nacl.utils.random(nacl.pwhash.argon2id.SALTBYTES)
    box = nacl.secret.SecretBox(_passphrase_key(passphrase, salt))
    return ENROLMENT_MAGIC + salt + bytes(box.encrypt(zlib.compress(payload, 6)))


def open_enrolment(data: bytes, passphrase: str) -> bytes:
    body = _body(data, ENROLMENT_MAGIC, kind="enrolment")
    salt, secret = body[: nacl.pwhash.argon2id.SALTBYTES], body[nacl.pwhash.argon2id.SALTBYTES :]
    try:
        packed = nacl.secret.SecretBox(_passphrase_key(passphrase, salt)).decrypt(secret)
    except nacl.exceptions.CryptoError as exc:
        raise PhutrachError(
            _("The enrolment file does not open with this passphrase (or it was altered).")
        ) from exc
    return _inflate(packed)


def _passphrase_key(passphrase: str, salt: bytes) -> bytes:
    """Argon2id at libsodium's interactive cost: about 0.1 s and 64 MB, once per enrolment."""
    return nacl.pwhash.argon2id.kdf(
        nacl.secret.SecretBox.KEY_SIZE,
        passphrase.encode(),
        salt,
        opslimit=nacl.pwhash.argon2id.OPSLIMIT_INTERACTIVE,
        memlimit=nacl.pwhash.argon2id.MEMLIMIT_INTERACTIVE,
    )


def _body(data: bytes, magic: bytes, kind: str = "bundle") -> bytes:
    if not data.startswith(magic):
        raise _unreadable(kind)
    body = data[len(magic) :]
    if len(body) < _SIG + 4:
        raise _unreadable(kind)
    return body


def _inflate(packed: bytes) -> bytes:
    """Decompressed with a bound: a sealed file is trusted by now, but a bound costs nothing."""
    inflater = zlib.decompressobj()
    plain = inflater.decompress(packed, _PLAIN_MAX)
    if inflater.unconsumed_tail or not inflater.eof:
        raise _unreadable()
    return plain


def _unreadable(kind: str = "bundle") -> PhutrachError:
    if kind == "enrolment":
        return PhutrachError(_("This is not a phutrach enrolment file, or it was cut short."))
    return PhutrachError(_("This is not a phutrach bundle, or it was cut short."))
