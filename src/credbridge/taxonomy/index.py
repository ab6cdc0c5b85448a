"""The packaged skill index: its file format, and lazy loading.

The index (data/skills_index.bin.gz, built by build_index.py) holds every normalised label of
ESCO 1.1.1 skills and O*NET 30.2 technology skills, plus curated aliases, each pointing at the
concepts it names. Strings are stored as newline-joined UTF-8 and numbers as little-endian
arrays, so loading is a gzip inflate and a few `str.split` calls: no per-entry Python objects
beyond the key strings and one dict of them. Nothing is read until the first match is asked for.
"""

from __future__ import annotations

import gc
import gzip
import json
import sys
from array import array
from dataclasses import dataclass
from enum import IntEnum
from functools import cache, cached_property
from importlib import resources
from pathlib import Path

FORMAT = 2
INDEX_PATH = Path(__file__).resolve().parent / "data" / "skills_index.bin.gz"
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


_SCHEMES = tuple(Scheme)
_KINDS = tuple(Kind)


def unpack_ref(value: int) -> Ref:
    return Ref(_SCHEMES[value & 1], value >> 4, _KINDS[(value >> 1) & 7])


_TEXT = "text"
_MAGIC = b"credbridge-skill-index\n"


def _array_bytes(typecode: str, values: list[int]) -> bytes:
    data = array(typecode, values)
    if sys.byteorder == "big":
        data.byteswap()
    return data.tobytes()


def _array(typecode: str, raw: memoryview) -> array:
    data = array(typecode)
    data.frombytes(raw)
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
    Layout inside the gzip stream: a magic line, a JSON header line naming each section's type
    and length, then the sections' bytes (UTF-8 text joined by newlines, or little-endian arrays).
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
    sections: list[tuple[str, str, bytes]] = [
        ("esco_ids", _TEXT, "\n".join(uri.removeprefix(ESCO_PREFIX) for uri, _ in esco).encode()),
        ("esco_labels", _TEXT, "\n".join(label for _, label in esco).encode()),
        ("onet_examples", _TEXT, "\n".join(example for example, _ in onet).encode()),
        ("onet_categories", _TEXT, "\n".join(categories).encode()),
        ("onet_category", "H", _array_bytes("H", [category_ids[category] for _, category in onet])),
        ("keys", _TEXT, "\n".join(ordered).encode()),
        ("refs", "i", _array_bytes("i", refs)),
        ("ref_starts", "I", _array_bytes("I", starts)),
        ("tokens", _TEXT, "\n".join(tokens).encode()),
        ("postings", "I", _array_bytes("I", post)),
        ("posting_starts", "I", _array_bytes("I", post_starts)),
    ]
    header = {"format": FORMAT, "sections": [[name, kind, len(data)] for name, kind, data in sections]}
    body = b"".join([_MAGIC, json.dumps(header).encode(), b"\n", *(data for _, _, data in sections)])
    return gzip.compress(body, compresslevel=9, mtime=0)


class SkillIndex:
    """The loaded index; every lookup is a dict access or an array slice.

    The parts only fuzzy search needs (token postings) are decoded on first use.
    """

    def __init__(self, sections: dict[str, tuple[str, memoryview]]) -> None:
        self._sections = sections
        self.esco_ids: list[str] = self._section("esco_ids")
        self.esco_labels: list[str] = self._section("esco_labels")
        self.onet_examples: list[str] = self._section("onet_examples")
        self.onet_categories: list[str] = self._section("onet_categories")
        self.onet_category: array = self._section("onet_category")
        self.keys: list[str] = self._section("keys")
        self.key_ids: dict[str, int] = dict(zip(self.keys, range(len(self.keys)), strict=True))
        self.refs: array = self._section("refs")
        self.ref_starts: array = self._section("ref_starts")

    def _section(self, name: str):
        kind, raw = self._sections[name]
        return str(raw, "utf-8").split("\n") if kind == _TEXT else _array(kind, raw)

    @cached_property
    def tokens(self) -> list[str]:
        return self._section("tokens")

    @cached_property
    def postings(self) -> array:
        return self._section("postings")

    @cached_property
    def posting_starts(self) -> array:
        return self._section("posting_starts")

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
    """Parse index bytes (as written by encode); ValueError if they are not a known format."""
    raw = memoryview(gzip.decompress(data))
    if bytes(raw[: len(_MAGIC)]) != _MAGIC:
        raise ValueError("not a credbridge skill index")
    end = bytes(raw[len(_MAGIC) : len(_MAGIC) + 4096]).index(b"\n") + len(_MAGIC)
    header = json.loads(bytes(raw[len(_MAGIC) : end]))
    if header.get("format") != FORMAT:
        raise ValueError(f"skill index format {header.get('format')!r}, expected {FORMAT}")
    sections: dict[str, tuple[str, memoryview]] = {}
    offset = end + 1
    for name, kind, length in header["sections"]:
        sections[name] = (kind, raw[offset : offset + length])
        offset += length
    was_enabled = gc.isenabled()
    gc.disable()  # ~200,000 new strings would trigger pointless collections while loading
    try:
        return SkillIndex(sections)
    finally:
        if was_enabled:
            gc.enable()


@cache
def load() -> SkillIndex:
    """The packaged index, read once on first use."""
    return decode(resources.files("credbridge.taxonomy").joinpath("data/skills_index.bin.gz").read_bytes())
