"""Build the packaged skill index from the source CSVs and the curated aliases.

    .venv/bin/python -m credbridge.taxonomy.build_index            # rebuild data/skills_index.bin.gz
    .venv/bin/python -m credbridge.taxonomy.build_index --check    # exit 1 if the shipped index is stale

Sources: scripts/taxonomy_sources/ in the repository (ESCO 1.1.1 skill labels and O*NET 30.2
technology skills, gzipped copies of the project's data set; origin and terms in the README
there) and data/aliases.csv (curated here). Only the index is shipped and read at run time.

Which keys exist, and why:
- every ESCO preferred and alternative label, every O*NET example title (normalised);
- a label without its qualifier, "Python (computer programming)" -> python;
- an O*NET title without its vendor ("Microsoft Power BI" -> power bi), without its edition
  ("Splunk Enterprise" -> splunk), or as its trailing acronym of four or more letters when it
  spells the words before it ("... SQL Server Integration Services SSIS" -> ssis). A one-word
  name so derived must not be an ordinary word (lower case in ESCO's multi-word labels) and a
  longer one not an ESCO label, so that neither "Microsoft Word" makes "word" nor "SAP Business
  Intelligence" makes "business intelligence" a product;
- curated aliases, which may also block a key or demand a technical context.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import re
import sys
from collections import defaultdict
from pathlib import Path

from credbridge.taxonomy.index import INDEX_PATH, Kind, Ref, Scheme, encode
from credbridge.taxonomy.normalise import EDITION_WORDS, STOPWORDS, key, singular

REPO = Path(__file__).resolve().parents[3]
SOURCES = REPO / "scripts" / "taxonomy_sources"
ESCO_CSV = SOURCES / "esco-1.1.1-skill-labels.csv.gz"
ONET_CSV = SOURCES / "onet-30.2-technology-skills.csv.gz"
ALIASES_CSV = INDEX_PATH.parent / "aliases.csv"


VENDORS = (
    "amazon web services", "microsoft", "apache", "oracle", "adobe", "ibm", "google", "amazon",
    "autodesk", "atlassian", "apple", "cisco", "salesforce", "intuit", "red hat", "vmware",
    "hashicorp", "jetbrains", "sap", "sas", "mozilla", "corel", "trimble", "esri", "tableau",
    "elastic", "mongodb", "docker", "github", "gitlab", "jfrog", "splunk", "facebook", "meta",
)  # fmt: skip
_QUALIFIER = re.compile(r"^(.*\S)\s*\([^()]*\)$")
_SPACE = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _gz_rows(path: Path) -> list[dict[str, str]]:
    with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _alias_rows(path: Path) -> list[dict[str, str]]:
    lines = path.read_text("utf-8").splitlines(True)
    return list(csv.DictReader(io.StringIO("".join(x for x in lines if not x.startswith("#")))))


def _trailing_acronym(title: str) -> tuple[str, str] | None:
    """("ssis", "microsoft sql server integration services") for "... Integration Services SSIS".

    Three-letter acronyms are left out: "Pathogen Modeling Program PMP" must not make PMP, a
    certification, a software product."""
    words = title.split()
    last = words[-1]
    if not (4 <= len(last) <= 6 and last.isalpha() and last.isupper()) or len(words) <= len(last):
        return None
    spelled = words[-1 - len(last) : -1]
    if "".join(word[0] for word in spelled).upper() != last:
        return None
    return key(last), key(" ".join(words[:-1]))


def _without_edition(norm: str) -> str | None:
    """ "splunk" for "splunk enterprise": the product without its edition word."""
    words = norm.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in EDITION_WORDS else None


def _without_vendor(norm: str) -> str | None:
    for vendor in VENDORS:
        if norm.startswith(vendor + " "):
            rest = norm[len(vendor) + 1 :]
            return rest if rest else None
    return None


def build_keys(
    esco_rows: list[dict[str, str]], onet_rows: list[dict[str, str]], alias_rows: list[dict[str, str]]
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], dict[str, list[Ref]]]:
    """Concepts and keys -> refs, before serialisation (see the module docstring for the rules)."""
    preferred: dict[str, str] = {}
    for row in esco_rows:
        if row["label_type"] == "preferred":
            preferred[row["uri"]] = _clean(row["label"])
    esco = sorted(preferred.items())
    esco_ids = {uri: i for i, (uri, _) in enumerate(esco)}
    onet_seen: dict[str, str] = {}
    for row in onet_rows:
        onet_seen.setdefault(_clean(row["example"]), _clean(row["commodity_title"]))
    onet = sorted(onet_seen.items())

    keys: dict[str, set[Ref]] = defaultdict(set)

    def add(text_key: str, ref: Ref) -> None:
        if text_key:
            keys[text_key].add(ref)

    for row in esco_rows:
        concept = esco_ids.get(row["uri"])
        if concept is None:
            continue
        label = _clean(row["label"])
        kind = Kind.PREFERRED if row["label_type"] == "preferred" else Kind.ALTERNATIVE
        add(key(label), Ref(Scheme.ESCO, concept, kind))
        bare = _QUALIFIER.match(label)
        if bare:
            add(key(bare.group(1)), Ref(Scheme.ESCO, concept, Kind.DERIVED))
    # Lower-case words of ESCO's multi-word labels stand for ordinary vocabulary (product names
    # are capitalised there: "SQL Server"): a one-word name derived from an O*NET title
    # ("Microsoft Word" -> word, "... Workflow System LAWS" -> law) must not be one of them,
    # and a longer one must not be an ESCO label ("SAP Business Intelligence").
    vocabulary = {
        singular(word)
        for row in esco_rows
        if " " in row["label"].strip()
        for word in row["label"].split()
        if word.islower() and word.isalpha()
    }
    esco_keys = set(keys)
    for concept, (title, _) in enumerate(onet):
        add(key(title), Ref(Scheme.ONET, concept, Kind.PREFERRED))
        derived = [
            _without_vendor(key(title)),
            _without_edition(key(title)),
            *(_trailing_acronym(title) or ()),
        ]
        for name in derived:
            if name and (name not in vocabulary if " " not in name else name not in esco_keys):
                add(name, Ref(Scheme.ONET, concept, Kind.DERIVED))

    _apply_aliases(keys, alias_rows, esco, onet)
    return esco, onet, {text_key: _best_kind_per_concept(refs) for text_key, refs in keys.items()}


def _best_kind_per_concept(refs: set[Ref]) -> list[Ref]:
    """One ref per concept (a label can be both preferred and alternative), its best kind."""
    best: dict[tuple[Scheme, int], Ref] = {}
    for ref in sorted(refs, key=lambda r: (r.scheme, r.concept, r.kind)):
        best.setdefault((ref.scheme, ref.concept), ref)
    return sorted(best.values(), key=lambda r: (r.scheme, r.kind, r.concept))


def _apply_aliases(
    keys: dict[str, set[Ref]],
    rows: list[dict[str, str]],
    esco: list[tuple[str, str]],
    onet: list[tuple[str, str]],
) -> None:
    """Curated rows: a target per scheme ("-" = none in that scheme), context=yes for ambiguous words."""
    esco_by_label: dict[str, list[int]] = defaultdict(list)
    for i, (_, label) in enumerate(esco):
        esco_by_label[label].append(i)
    onet_by_title = {title: i for i, (title, _) in enumerate(onet)}
    seen: set[str] = set()
    for row in rows:
        phrase_key = key(row["phrase"])
        if not phrase_key or phrase_key in seen:
            raise ValueError(f"alias {row['phrase']!r} normalises to nothing or repeats another row")
        seen.add(phrase_key)
        contextual = row["context"].strip() == "yes"
        current = keys.setdefault(phrase_key, set())
        if contextual:
            current.clear()
        for scheme, column in ((Scheme.ESCO, "esco"), (Scheme.ONET, "onet")):
            target = row[column].strip()
            if not target:
                continue
            current.difference_update({ref for ref in current if ref.scheme is scheme})
            if target == "-":
                continue
            if scheme is Scheme.ESCO:
                found = esco_by_label.get(target, [])
                if len(found) != 1:
                    raise ValueError(f"alias {row['phrase']!r}: {len(found)} ESCO concepts named {target!r}")
                concept = found[0]
            else:
                if target not in onet_by_title:
                    raise ValueError(f"alias {row['phrase']!r}: no O*NET example {target!r}")
                concept = onet_by_title[target]
            current.add(Ref(scheme, concept, Kind.CONTEXT if contextual else Kind.ALIAS))


def postings(ordered_keys: list[str], keys: dict[str, list[Ref]]) -> dict[str, list[int]]:
    """Token -> ids of the keys fuzzy search may return (not blocked or context-only keys)."""
    result: dict[str, list[int]] = defaultdict(list)
    for key_id, text_key in enumerate(ordered_keys):
        refs = keys[text_key]
        if not refs or all(ref.kind is Kind.CONTEXT for ref in refs):
            continue
        for word in set(text_key.split()) - STOPWORDS:
            result[word].append(key_id)
    return result


def build(esco_csv: Path = ESCO_CSV, onet_csv: Path = ONET_CSV, aliases_csv: Path = ALIASES_CSV) -> bytes:
    """The index bytes; deterministic, so that --check can compare them with the shipped file."""
    esco, onet, keys = build_keys(_gz_rows(esco_csv), _gz_rows(onet_csv), _alias_rows(aliases_csv))
    return encode(esco=esco, onet=onet, keys=keys, postings=postings(sorted(keys), keys))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the packaged skill index from the source CSVs.")
    parser.add_argument("--check", action="store_true", help="compare with the shipped index; write nothing")
    args = parser.parse_args(argv)
    missing = [str(path) for path in (ESCO_CSV, ONET_CSV) if not path.exists()]
    if missing:
        print(f"sources not found (run from a repository checkout): {', '.join(missing)}", file=sys.stderr)
        return 2
    data = build()
    if args.check:
        if not INDEX_PATH.exists() or INDEX_PATH.read_bytes() != data:
            print(f"{INDEX_PATH} is stale: run python -m credbridge.taxonomy.build_index", file=sys.stderr)
            return 1
        print(f"{INDEX_PATH} is up to date")
        return 0
    INDEX_PATH.write_bytes(data)
    print(f"wrote {INDEX_PATH} ({len(data):,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
