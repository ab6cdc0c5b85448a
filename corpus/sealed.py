"""The sealed part of the corpus: renderers whose files nobody developing the parser looks at.

corpus/sealed.json names them. Their people alone hold the sealed credentials and headings of
corpus/vocab.py, so the sealed figure measures layouts and wordings that no development file
shows. `make eval` prints the sealed renderers' totals only, never their per-file differences
(unless asked with --show-sealed, which a developer tuning the parser must not do).

    python -m corpus.sealed            # rewrites corpus/sealed.txt from corpus/vocab.py
    python -m corpus.sealed --choose   # also rewrites corpus/sealed.json by the rule below

Which renderers are sealed is not a choice anyone made: in each renderer module, the sixth of
its renderers (at least one) whose ids hash lowest (sha256 of "sealed:<id>").

corpus/sealed.txt lists the sealed strings; tests/test_evaluation_sets_unseen.py fails if one
appears in src/ or tests/.
"""

from __future__ import annotations

import hashlib
import importlib
import json
import sys
from pathlib import Path

from corpus import vocab

HERE = Path(__file__).resolve().parent
SEALED_JSON = HERE / "sealed.json"
SEALED_TXT = HERE / "sealed.txt"


def sealed_renderers() -> frozenset[str]:
    """The ids of the sealed renderers."""
    return frozenset(json.loads(SEALED_JSON.read_text(encoding="utf-8"))["renderers"])


def sealed_strings() -> list[str]:
    """Every sealed credential name and heading (issuers are ordinary names, "Oracle", "FAA",
    that general code may well contain)."""
    strings = {c[0] for creds in vocab.SEALED_CREDS.values() for c in creds}
    strings |= {h for headings in vocab.SEALED_CERT_HEADINGS.values() for h in headings}
    return sorted(strings)


def choose(modules: tuple[str, ...]) -> list[str]:
    """The sealed renderers by the rule in the module docstring."""
    chosen: list[str] = []
    for name in modules:
        ids = [r.id for r in importlib.import_module(f"corpus.renderers.{name}").RENDERERS]
        ranked = sorted(ids, key=lambda i: hashlib.sha256(f"sealed:{i}".encode()).hexdigest())
        chosen += ranked[: max(1, round(len(ids) / 6))]
    return sorted(chosen)


def main() -> None:
    if "--choose" in sys.argv[1:]:
        from corpus.build import FAMILIES

        renderers = choose(FAMILIES)
        SEALED_JSON.write_text(json.dumps({"renderers": renderers}, indent=1) + "\n", encoding="utf-8")
        print(f"{len(renderers)} sealed renderers written to {SEALED_JSON}")
    header = (
        "# Sealed evaluation strings (written by `python -m corpus.sealed` from corpus/vocab.py).\n"
        "# None of them may appear in src/ or tests/: tests/test_evaluation_sets_unseen.py.\n"
    )
    SEALED_TXT.write_text(header + "\n".join(sealed_strings()) + "\n", encoding="utf-8")
    print(f"{len(sealed_strings())} sealed strings written to {SEALED_TXT}")


if __name__ == "__main__":
    main()
