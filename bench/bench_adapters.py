"""Translation speed per target on the fixture profiles, against the raw serialisers underneath.

Baseline for JSON targets: pydantic's own `model_dump_json()` of the same profile (what any
JSON output costs at least); for Workday: lxml serialising a tree of the same size; for CSV:
the csv module writing the same rows. Ratios > 1 are the adapter's own cost.
"""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

from lxml import etree

from credbridge.model import CandidateProfile
from credbridge.targets import available

PROFILES = Path(__file__).resolve().parent.parent / "fixtures" / "profiles"
ROUNDS = 200


def _per_call(fn, rounds: int = ROUNDS) -> float:  # type: ignore[no-untyped-def]
    fn()
    started = time.perf_counter()
    for _ in range(rounds):
        fn()
    return (time.perf_counter() - started) / rounds


def main() -> None:
    files = sorted(PROFILES.glob("*.json"))
    profiles = [CandidateProfile.model_validate_json(p.read_text("utf-8")) for p in files]

    def raw_json() -> None:
        for p in profiles:
            p.model_dump_json()

    def raw_xml() -> None:
        for p in profiles:
            root = etree.Element("{urn:x}root")
            for c in p.credentials:
                item = etree.SubElement(root, "{urn:x}item")
                for value in (c.name, c.issuer.name, c.issued, c.expires, c.credential_id):
                    etree.SubElement(item, "{urn:x}v").text = value or ""
            etree.tostring(root, pretty_print=True)

    def raw_csv() -> None:
        for p in profiles:
            out = io.StringIO()
            writer = csv.writer(out)
            for c in p.credentials:
                writer.writerow((c.name, c.issuer.name, c.issued, c.expires, c.credential_id, c.url))

    baselines = {"json": _per_call(raw_json), "xml": _per_call(raw_xml), "csv": _per_call(raw_csv)}
    print(f"{len(profiles)} profiles per call, {ROUNDS} rounds")
    print(f"{'target':<16} {'ms/call':>8} {'baseline':>9} {'ratio':>7}")
    for name, adapter in sorted(available().items()):
        kind = {"application/xml": "xml", "text/csv": "csv"}.get(adapter.media_type, "json")
        rounds = ROUNDS // 10 if name in ("greenhouse", "lever", "smartrecruiters") else ROUNDS

        def run(adapter=adapter) -> None:  # type: ignore[no-untyped-def]
            for p in profiles:
                adapter.translate(p)

        took = _per_call(run, rounds)
        print(f"{name:<16} {took * 1000:8.3f} {kind:>9} {took / baselines[kind]:7.1f}x")


if __name__ == "__main__":
    main()
