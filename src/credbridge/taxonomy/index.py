"""The packaged skill index: its file format, and lazy loading.

The index (data/skills_index.json.gz, built by build_index.py) holds every normalised label of
ESCO 1.1.1 skills and O*NET 30.2 technology skills, plus curated aliases, each pointing at the
concepts it names. Strings are stored as newline-joined text and numbers as little-endian
arrays, so loading is a gzip inflate, one JSON parse and a few `str.split` calls: no per-entry
Python objects beyond one dict of keys. Nothing is read until the first match is asked for.
"""

from __future__ import annotations

import base64
import gzip
import json
import sys
from array import array
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

FORMAT = 1
INDEX_PATH = Path(__file__).resolve().parent / "data" / "skills_index.json.gz"
ESCO_PREFIX = "http://data.europa.eu/esco/skill/"


class Scheme(IntEnum):
    ESCO = 0
    ONET = 1


class Kind(IntEnum):
    """How a key names a concept, best first; the matcher prefers lower kinds."""

    PREFERRED = 0
    """ESCO preferred label, or the O*NET example title itself."""
    ALTERNATIVE = 1
    """ESCO alternative label."""
    ALIAS = 2
    """Curated alias (data/aliases.csv): AWS, k8s, MS Excel."""
    DERIVED = 3
    """Label without its qualifier or vendor: "Python (computer programming)" -> python."""
    CONTEXT = 4
    """Curated ambiguous token (Java, Go, R): only mapped when the context is technical."""


@dataclass(frozen=True, slots=True)
class Ref:
    """One concept a key names."""

    scheme: Scheme
    concept: int
    kind: Kind


def pack_ref(ref: Ref) -> int:
    return ref.concept * 16 + ref.kind * 2 + ref.scheme


def unpack_ref(value: int) -> Ref:
    return Ref(Scheme(value & 1), value >> 4, Kind((value >> 1) & 7))


def _encode_array(typecode: str, values: list[int]) -> str:
    data = array(typecode, values)
    if sys.byteorder == "big":
        data.byteswap()
    return base64.b64encode(data.tobytes()).decode("ascii")


def _decode_array(typecode: str, text: str) -> array:
    data = array(typecode)
    data.frombytes(base64.b64decode(text))
    if sys.byteorder == "big":
        data.byteswap()
    return data


def encode(
    *,
    esco: list[tuple[str, str]],
    onet: list[tuple[str, str]],
    keys: dict[str, list[Ref]],
    postings: dict[str, list[int]],
) -> bytes:
    """Serialise an index; `keys` must map every key (sorted on output) to its refs.

    esco: (URI, preferred label) per concept; onet: (example, commodity title) per example;
    postings: token -> ids of keys (positions in sorted key order) containing it, for fuzzy search.
    """
    categories = sorted({category for _, category in onet})
    category_ids = {category: i for i, category in enumerate(categories)}
    ordered = sorted(keys)
    refs: list[int] = []
    starts = [0]
    for key in ordered:
        refs.extend(sorted(pack_ref(ref) for ref in keys[key]))
        starts.append(len(refs))
    tokens = sorted(postings)
    post: list[int] = []
    post_starts = [0]
    for token in tokens:
        post.extend(sorted(postings[token]))
        post_starts.append(len(post))
    document = {
        "format": FORMAT,
        "esco_ids": "\n".join(uri.removeprefix(ESCO_PREFIX) for uri, _ in esco),
        "esco_labels": "\n".join(label for _, label in esco),
        "onet_examples": "\n".join(example for example, _ in onet),
        "onet_categories": categories,
        "onet_category": _encode_array("H", [category_ids[category] for _, category in onet]),
        "keys": "\n".join(ordered),
        "refs": _encode_array("i", refs),
        "ref_starts": _encode_array("I", starts),
        "tokens": "\n".join(tokens),
        "postings": _encode_array("I", post),
        "posting_starts": _encode_array("I", post_starts),
    }
    raw = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return gzip.compress(raw, compresslevel=9, mtime=0)


@dataclass(frozen=True, eq=False)
class SkillIndex:
    """The loaded index; every lookup is a dict access or an array slice."""

    esco_ids: list[str]
    esco_labels: list[str]
    onet_examples: list[str]
    onet_categories: list[str]
    onet_category: array
    keys: list[str]
    key_ids: dict[str, int]
    refs: array
    ref_starts: array
    tokens: list[str]
    postings: array
    posting_starts: array

    def lookup(self, key: str) -> list[Ref] | None:
        """The refs of an exact key; [] for a key known to name nothing; None for an unknown key."""
        key_id = self.key_ids.get(key)
        return None if key_id is None else self.refs_of(key_id)

    def refs_of(self, key_id: int) -> list[Ref]:
        return [unpack_ref(v) for v in self.refs[self.ref_starts[key_id] : self.ref_starts[key_id + 1]]]

    def posting(self, token_id: int) -> array:
        return self.postings[self.posting_starts[token_id] : self.posting_starts[token_id + 1]]

    def concept_id(self, ref: Ref) -> str:
        """ESCO concept URI, or the O*NET example title (its stable key in O*NET's data)."""
        if ref.scheme is Scheme.ESCO:
            return ESCO_PREFIX + self.esco_ids[ref.concept]
        return self.onet_examples[ref.concept]

    def label(self, ref: Ref) -> str:
        if ref.scheme is Scheme.ESCO:
            return self.esco_labels[ref.concept]
        return self.onet_examples[ref.concept]

    @cached_property
    def _esco_by_uuid(self) -> dict[str, int]:
        return {uuid: i for i, uuid in enumerate(self.esco_ids)}

    @cached_property
    def _onet_by_title(self) -> dict[str, int]:
        return {title.casefold(): i for i, title in enumerate(self.onet_examples)}

    def esco_ref(self, uri: str) -> Ref | None:
        """The ESCO skill with this concept URI (http or https), or None if the index lacks it."""
        uuid = uri.strip().removeprefix("https://").removeprefix("http://")
        uuid = uuid.removeprefix(ESCO_PREFIX.removeprefix("http://"))
        concept = self._esco_by_uuid.get(uuid)
        return None if concept is None else Ref(Scheme.ESCO, concept, Kind.PREFERRED)

    def onet_ref(self, title: str) -> Ref | None:
        """The O*NET technology skill example with this exact title (any case), or None."""
        concept = self._onet_by_title.get(title.strip().casefold())
        return None if concept is None else Ref(Scheme.ONET, concept, Kind.PREFERRED)

    def category(self, ref: Ref) -> str | None:
        if ref.scheme is Scheme.ESCO:
            return None
        return self.onet_categories[self.onet_category[ref.concept]]


def decode(data: bytes) -> SkillIndex:
    """Parse index bytes (as written by encode)."""
    document = json.loads(gzip.decompress(data))
    if document.get("format") != FORMAT:
        raise ValueError(f"skill index format {document.get('format')!r}, expected {FORMAT}")
    keys = document["keys"].split("\n")
    return SkillIndex(
        esco_ids=document["esco_ids"].split("\n"),
        esco_labels=document["esco_labels"].split("\n"),
        onet_examples=document["onet_examples"].split("\n"),
        onet_categories=document["onet_categories"],
        onet_category=_decode_array("H", document["onet_category"]),
        keys=keys,
        key_ids={key: i for i, key in enumerate(keys)},
        refs=_decode_array("i", document["refs"]),
        ref_starts=_decode_array("I", document["ref_starts"]),
        tokens=document["tokens"].split("\n"),
        postings=_decode_array("I", document["postings"]),
        posting_starts=_decode_array("I", document["posting_starts"]),
    )


@cache
def load() -> SkillIndex:
    """The packaged index, read once on first use."""
    return decode(resources.files("credbridge.taxonomy").joinpath("data/skills_index.json.gz").read_bytes())
