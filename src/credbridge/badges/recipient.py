"""Whether a badge was issued to a given identity: the one comparison every part uses.

Open Badges name the earner by an identity in clear (an email, URL, telephone number, DID) or
hashed: 'sha256$' or 'md5$' followed by the hex digest of the identity and then the salt (the
OB 2.0 IdentityObject, the OB 3.0 IdentityObject's identityHash). The format modules (ob2, ob3,
for `badge verify --recipient`) and the profile resolver (a resume's emails against its badges)
all compare through `matches`, so hashes are computed in exactly one place.
"""

from __future__ import annotations

import hashlib
import hmac
import re

from credbridge.model import Recipient

ALGORITHMS = ("sha256", "md5")
_HASHED = re.compile(r"^(sha256|md5)\$[0-9a-f]+$", re.IGNORECASE)


def _candidates(identity: str) -> list[str]:
    """The identity as given, trimmed, and lower-cased: issuers differ in whether they
    normalise an email before hashing it, and either way it is the same person's."""
    return list(dict.fromkeys((identity, identity.strip(), identity.strip().lower())))


def _plain(identity: str) -> str:
    return identity.strip().lower().removeprefix("mailto:")


def identity_hash_matches(identity: str, identity_hash: str, salt: str = "") -> bool:
    """Whether `identity_hash` ('sha256$hex' / 'md5$hex', hex in either case) hashes `identity`.

    Digests are compared as bytes in constant time; a digest with non-ASCII junk in it simply
    does not match (comparing str would raise on it).
    """
    algorithm, _, digest = identity_hash.strip().partition("$")
    if algorithm.lower() not in ALGORITHMS or not digest or not identity.strip():
        return False
    expected = digest.lower().encode("utf-8")
    hashes = (hashlib.new(algorithm.lower(), (c + salt).encode("utf-8")) for c in _candidates(identity))
    return any(hmac.compare_digest(h.hexdigest().encode(), expected) for h in hashes)


def is_hashed(recipient: Recipient) -> bool:
    """Hashed by its flag, or by its form: some issuers publish 'sha256$...' without `hashed`."""
    return recipient.hashed or bool(recipient.identity and _HASHED.match(recipient.identity.strip()))


def matches(recipient: Recipient, identity: str) -> bool:
    """Whether the badge's recipient is `identity`: hashed (salted or not) or in clear.

    Identities in clear compare case-insensitively, with or without a 'mailto:' prefix (OB 3.0
    subjects are often `mailto:` IRIs); an empty identity matches nothing.
    """
    if not recipient.identity or not identity.strip():
        return False
    if is_hashed(recipient):
        return identity_hash_matches(identity, recipient.identity, recipient.salt or "")
    return _plain(recipient.identity) == _plain(identity)
