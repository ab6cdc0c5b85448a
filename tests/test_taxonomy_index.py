"""The packaged skill index: its build rules, its file format, and that it matches its sources."""

from __future__ import annotations

import gzip
import json

import pytest

from credbridge.taxonomy import build_index
from credbridge.taxonomy.index import FORMAT, Kind, Ref, Scheme, decode, encode, load

URI = "http://data.europa.eu/esco/skill/"
ESCO_ROWS = [
    {"uri": URI + "00000000-0000-0000-0000-000000000001", "label": "Python (computer programming)",
     "label_type": "preferred"},
    {"uri": URI + "00000000-0000-0000-0000-000000000002", "label": "use word processing software",
     "label_type": "preferred"},
    {"uri": URI + "00000000-0000-0000-0000-000000000002", "label": "word processing",
     "label_type": "alternative"},
    {"uri": URI + "00000000-0000-0000-0000-000000000003", "label": "SPARK", "label_type": "preferred"},
]  # fmt: skip
ONET_ROWS = [
    {"example": "Python", "commodity_title": "Object or component oriented development software"},
    {"example": "Microsoft Word", "commodity_title": "Word processing software"},
    {"example": "Microsoft Power BI", "commodity_title": "Business intelligence and data analysis software"},
    {
        "example": "Microsoft SQL Server Integration Services SSIS",
        "commodity_title": "Enterprise application",
    },
    {"example": "Pathogen Modeling Program PMP", "commodity_title": "Analytical or scientific software"},
    {"example": "Apache Spark", "commodity_title": "Business intelligence and data analysis software"},
    {"example": "Splunk Enterprise", "commodity_title": "Network monitoring software"},
]


def _alias(phrase: str, esco: str = "", onet: str = "", context: str = "no") -> dict[str, str]:
    return {"phrase": phrase, "esco": esco, "onet": onet, "context": context}


def _onet(title: str) -> int:
    """Position of an O*NET example in the index (examples are sorted by title)."""
    return sorted(row["example"] for row in ONET_ROWS).index(title)


def _keys(aliases: list[dict[str, str]] | None = None) -> dict[str, list[Ref]]:
    return build_index.build_keys(ESCO_ROWS, ONET_ROWS, aliases or [])[2]


def test_labels_qualifiers_vendors_and_acronyms_become_keys() -> None:
    keys = _keys()
    assert keys["python computer programming"] == [Ref(Scheme.ESCO, 0, Kind.PREFERRED)]
    assert Ref(Scheme.ESCO, 0, Kind.DERIVED) in keys["python"], "label without its qualifier"
    assert Ref(Scheme.ONET, _onet("Python"), Kind.PREFERRED) in keys["python"]
    assert keys["word processing"] == [Ref(Scheme.ESCO, 1, Kind.ALTERNATIVE)]
    assert "power bi" in keys, "vendor dropped from a distinctive name"
    assert "word" not in keys, "vendor never dropped when the rest is an ordinary word"
    assert "ssis" in keys and "microsoft sql server integration service" in keys, "keys are singular"
    assert "pmp" not in keys, "three-letter acronyms are not derived"
    assert keys["splunk"] == [Ref(Scheme.ONET, _onet("Splunk Enterprise"), Kind.DERIVED)], "edition dropped"


def test_aliases_add_block_and_demand_context() -> None:
    keys = _keys(
        [
            _alias("ms word", esco="use word processing software", onet="Microsoft Word"),
            _alias("spark", esco="-", onet="Apache Spark", context="yes"),
            _alias("hard working", esco="-", onet="-"),
        ]
    )
    assert {ref.kind for ref in keys["ms word"]} == {Kind.ALIAS}
    assert keys["spark"] == [Ref(Scheme.ONET, _onet("Apache Spark"), Kind.CONTEXT)], "ESCO's SPARK is dropped"
    assert keys["hard working"] == []


@pytest.mark.parametrize(
    "row",
    [
        _alias("x", esco="no such label"),
        _alias("y", onet="No Such Product"),
        _alias("!!!", esco="SPARK"),
    ],
)
def test_aliases_that_name_nothing_fail_the_build(row: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="alias"):
        _keys([row])


def test_repeated_alias_fails_the_build() -> None:
    with pytest.raises(ValueError, match="repeats"):
        _keys([_alias("Spark", onet="Apache Spark"), _alias("spark", onet="Apache Spark")])


def test_encode_decode_round_trip_is_deterministic() -> None:
    esco, onet, keys = build_index.build_keys(ESCO_ROWS, ONET_ROWS, [])
    postings = build_index.postings(sorted(keys), keys)
    data = encode(esco=esco, onet=onet, keys=keys, postings=postings)
    assert data == encode(esco=esco, onet=onet, keys=keys, postings=postings)
    index = decode(data)
    assert index.lookup("python") == keys["python"]
    assert index.lookup("nothing here") is None
    ref = keys["power bi"][0]
    assert index.label(ref) == "Microsoft Power BI"
    assert index.category(ref) == "Business intelligence and data analysis software"
    assert index.concept_id(Ref(Scheme.ESCO, 0, Kind.PREFERRED)) == ESCO_ROWS[0]["uri"]


def test_an_index_of_another_format_is_refused() -> None:
    magic, header, body = gzip.decompress(_packaged_bytes()).split(b"\n", 2)
    document = json.loads(header)
    document["format"] = FORMAT + 1
    with pytest.raises(ValueError, match="format"):
        decode(gzip.compress(b"\n".join([magic, json.dumps(document).encode(), body])))
    with pytest.raises(ValueError, match="not a credbridge skill index"):
        decode(gzip.compress(b"{}"))


def _packaged_bytes() -> bytes:
    return build_index.INDEX_PATH.read_bytes()


def test_packaged_index_is_built_from_the_shipped_sources() -> None:
    assert build_index.ESCO_CSV.exists() and build_index.ONET_CSV.exists()
    assert build_index.build() == _packaged_bytes(), "run: python -m credbridge.taxonomy.build_index"


def test_packaged_index_covers_both_taxonomies() -> None:
    index = load()
    assert len(index.esco_ids) == 13_412
    assert len(index.onet_examples) > 8_000
    assert len(index.keys) > 90_000
    assert index.esco_ref("https://data.europa.eu/esco/skill/" + index.esco_ids[0]) is not None
    assert index.onet_ref("KUBERNETES") == Ref(
        Scheme.ONET, index.onet_examples.index("Kubernetes"), Kind.PREFERRED
    )
