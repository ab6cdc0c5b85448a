"""JSON-LD processing restricted to the contexts credbridge ships.

A credential names its JSON-LD contexts by URL. Fetching them would let whoever controls (or
spoofs) those hosts change what a signature covers, and would leak which badges we verify, so
the document loader here serves only the copies in badges/contexts/ (see SOURCES.md there) and
refuses everything else. An unknown context is an error the `context` check reports.

Canonicalisation is pyld's URDNA2015, the algorithm standardised as RDFC-1.0, which is what the
eddsa-rdfc-2022, eddsa-2022 and Ed25519Signature2020 proofs sign.
"""

from __future__ import annotations

import copy
import json
import threading
from functools import cache
from importlib import resources
from typing import Any

from cachetools import LRUCache
from pyld import jsonld
from pyld.context_resolver import ContextResolver

from credbridge.errors import InputError

_FILES: dict[str, str] = {
    # W3C Verifiable Credentials
    "https://www.w3.org/2018/credentials/v1": "2018-credentials-v1.jsonld",
    "https://www.w3.org/2018/credentials/examples/v1": "2018-credentials-examples-v1.jsonld",
    "https://www.w3.org/ns/credentials/v2": "credentials-v2.jsonld",
    "https://www.w3.org/ns/odrl.jsonld": "odrl.jsonld",
    "https://w3id.org/vc/status-list/2021/v1": "vc-status-list-2021-v1.jsonld",
    "https://www.w3.org/ns/credentials/status/v1": "credentials-status-v1.jsonld",
    # Data Integrity, DIDs and signature suites
    "https://w3id.org/security/data-integrity/v1": "data-integrity-v1.jsonld",
    "https://w3id.org/security/data-integrity/v2": "data-integrity-v2.jsonld",
    "https://w3id.org/security/multikey/v1": "multikey-v1.jsonld",
    "https://www.w3.org/ns/did/v1": "did-v1.jsonld",
    "https://w3id.org/did/v1": "did-v1.jsonld",
    "https://w3id.org/security/v1": "security-v1.jsonld",
    "https://w3id.org/security/v2": "security-v2.jsonld",
    "https://w3id.org/security/v3-unstable": "security-v3-unstable.jsonld",
    "https://w3id.org/security/bbs/v1": "security-bbs-v1.jsonld",
    "https://w3id.org/security/suites/ed25519-2018/v1": "suites-ed25519-2018.jsonld",
    "https://w3id.org/security/suites/ed25519-2020/v1": "suites-ed25519-2020.jsonld",
    "https://w3id.org/security/suites/jws-2020/v1": "suites-jws-2020.jsonld",
    "https://w3id.org/security/suites/secp256k1-2019/v1": "suites-secp256k1-2019.jsonld",
    "https://w3id.org/security/suites/x25519-2019/v1": "suites-x25519-2019.jsonld",
    # Open Badges and CLR (1EdTech)
    "https://w3id.org/openbadges/v2": "ob-v2p0.json",
    "https://openbadgespec.org/v2/context.json": "ob-v2p0.json",
    "https://openbadgespec.org/extensions/exampleExtension/context.json": "obv2x-example-extension.json",
    "https://openbadgespec.org/extensions/applyLinkExtension/context.json": "obv2x-applylink-extensions.json",
    "https://imsglobal.github.io/openbadges-specification/context.json": "obv3x.jsonld",
    "https://purl.imsglobal.org/spec/ob/v3p0/context.json": "ob-v3p0.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json": "ob-v3p0-3.0.1.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json": "ob-v3p0-3.0.2.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json": "ob-v3p0-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json": "ob-v3p0-extensions.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context.json": "clr-v2p0.json",
    "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json": "clr-v2p0-2.0.1.json",
}

SHIPPED_CONTEXTS = frozenset(_FILES)
"""Every context URL the loader can serve."""


class UnknownContext(InputError):
    """A credential names a JSON-LD context credbridge does not ship (and will not fetch)."""

    code = "jsonld.unknown_context"


class UndefinedTerm(InputError):
    """A property no context defines: JSON-LD would silently drop it, leaving it unsigned."""

    code = "jsonld.undefined_term"


def _refuse_dropped(term: str | None) -> None:
    """Data Integrity "safe mode": a term that expands to nothing is an error, not a silent drop.

    Without this, anything a context does not define (e.g. an issuer `name` outside a typed
    Profile under VC 1.1) would be left out of the canonical form, so it could be changed
    without breaking the signature.
    """
    raise UndefinedTerm(f"the term {term!r} is not defined by the credential's JSON-LD contexts")


@cache
def _context_document(url: str) -> Any:
    """Parse a shipped context once per process; they never change."""
    text = resources.files("credbridge.badges").joinpath("contexts", _FILES[url]).read_text("utf-8")
    return json.loads(text)


def _normalise_url(url: str) -> str:
    """http and https, and a trailing fragment, name the same context document."""
    url = url.split("#", 1)[0]
    if url.startswith("http://"):
        url = "https://" + url.removeprefix("http://")
    return url


def load_shipped(url: str, options: Any = None) -> dict[str, Any]:
    """pyld document loader serving only shipped contexts; anything else raises UnknownContext."""
    key = _normalise_url(url)
    if key not in _FILES:
        raise UnknownContext(f"JSON-LD context {url} is not one credbridge ships; it is never fetched")
    return {
        "contentType": "application/ld+json",
        "contextUrl": None,
        "documentUrl": url,
        # pyld may rewrite URLs inside a context it resolves: hand it a copy of the parsed file.
        "document": copy.deepcopy(_context_document(key)),
        # "static" lets pyld keep the resolved context in _RESOLVED (shipped files never change);
        # without a tag it would re-resolve every context for every canonicalisation.
        "tag": "static",
    }


def context_urls(document: dict[str, Any]) -> list[str]:
    """The remote contexts a document names at its top level, in order (inline ones skipped)."""
    contexts = document.get("@context")
    if contexts is None:
        return []
    items = contexts if isinstance(contexts, list) else [contexts]
    return [item for item in items if isinstance(item, str)]


def unknown_contexts(document: dict[str, Any]) -> list[str]:
    """Top-level context URLs that are not shipped (what the `context` check reports)."""
    return [url for url in context_urls(document) if _normalise_url(url) not in _FILES]


class LockedLRU(LRUCache):
    """An LRU cache safe to share between the API's worker threads (cachetools' is not)."""

    def __init__(self, maxsize: int) -> None:
        super().__init__(maxsize)
        self._lock = threading.RLock()

    def __getitem__(self, key: Any) -> Any:
        with self._lock:
            return super().__getitem__(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        with self._lock:
            super().__setitem__(key, value)

    def get(self, key: Any, default: Any = None) -> Any:
        with self._lock:
            return super().get(key, default)


# Resolved contexts are cached here rather than in pyld's process-wide cache, so that no other
# code's document loader can ever put a context into what credbridge signs over. One cache per
# thread: each ResolvedContext pyld keeps there carries its own unlocked LRU of processed
# contexts, which pyld reads and evicts during expansion, so sharing them between the API's
# worker threads raised KeyError / "OrderedDict mutated during iteration" now and then (issue
# 13). Locking every lookup would not help (pyld mutates them outside any call we wrap), and one
# lock around all of canonicalisation would serialise the workers; a per-thread cache costs only
# the first canonicalisation in each thread.
class _ThreadResolvedCache(threading.local):
    """The calling thread's cache of resolved contexts (threading.local: one `cache` per thread)."""

    def __init__(self) -> None:
        self.cache: LRUCache = LRUCache(maxsize=256)

    def clear(self) -> None:
        """Forget this thread's resolved contexts (benchmarks measure a cold start with it)."""
        self.cache.clear()


_RESOLVED = _ThreadResolvedCache()


# pyld's process-wide inverse-context cache (used when compacting) is a plain LRU too; it is
# never used by canonicalisation, but anything else in the process calling pyld must not race.
jsonld._inverse_context_cache = LockedLRU(maxsize=jsonld.INVERSE_CONTEXT_CACHE_MAX_SIZE)

_PYLD_FAILURES = (ValueError, TypeError, KeyError, IndexError, AttributeError, RecursionError)
"""What pyld lets escape on hostile input besides JsonLdError (e.g. ValueError for an
`@context` of "https>//..."): turned into InputError at this boundary."""


def canonize(document: dict[str, Any]) -> str:
    """RDFC-1.0 (URDNA2015) canonical N-Quads of a JSON-LD document, using shipped contexts only.

    Raises UnknownContext for a context that is not shipped, UndefinedTerm for a property no
    context defines (safe mode), and InputError for JSON-LD that cannot be turned into RDF
    (invalid terms, protected-term redefinition, ...).
    """
    options = {
        "algorithm": "URDNA2015",
        "format": "application/n-quads",
        "documentLoader": load_shipped,
        "contextResolver": ContextResolver(_RESOLVED.cache, load_shipped),
    }
    try:
        return jsonld.JsonLdProcessor(on_property_dropped=_refuse_dropped).normalize(document, options)
    except jsonld.JsonLdError as error:
        known = _find_cause(error, InputError)
        if known is not None:
            raise known from None
        raise InputError(f"JSON-LD could not be canonicalised: {_describe(error)}") from None
    except _PYLD_FAILURES as error:
        raise InputError(f"JSON-LD could not be canonicalised: {type(error).__name__}: {error}") from None


def _find_cause(error: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or getattr(seen, "cause", None) or seen.__context__
    return None


def _describe(error: jsonld.JsonLdError) -> str:
    """The innermost pyld message, which names the offending term, without the traceback."""
    messages: list[str] = []
    seen: BaseException | None = error
    while seen is not None and len(messages) < 5:
        text = getattr(seen, "message", None) or str(seen).splitlines()[0]
        if text and text not in messages:
            messages.append(text)
        seen = seen.__cause__ or getattr(seen, "cause", None)
    return messages[-1] if messages else type(error).__name__
