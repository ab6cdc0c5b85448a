"""The fuzz targets (fuzz/targets.py) on their seeds and on every input that once crashed them.

A seed that fails means a harness no longer matches the code it drives (`make fuzz` would
report every input as a crash); a regression input that fails is the old bug back. Each input
in tests/data/fuzz/TARGET/ is named for what it does:

- docx/xml-declares-unknown-encoding.docx: an XML declaration naming a codec Python lacks
  ("UTD-8") made expat raise LookupError in the DTD scan (documents/zipsafe.py).
- badge-json/jwk-unknown-okp-curve.jwt: a VC-JWT whose header jwk says "crv": "Ed24519" made
  joserfc raise KeyError while importing the key (badges/jwt.py).
- badge-json/surrogate-escape-in-key-url.json: an OB 2.0 key whose id holds "\\ud800": the
  report quoting it could not be encoded as JSON (the API's response; the CLI mends its own
  output), fixed where badge JSON is read (badges/fetch.py mend_json).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzz.targets import REGRESSIONS, TARGETS, check


@pytest.mark.parametrize("name", TARGETS)
def test_seeds_pass(name: str) -> None:
    target = TARGETS[name]
    seeds = target.seed_files()
    assert seeds, f"no seed files for {name}"
    for seed in seeds:
        check(target, seed.read_bytes())


REGRESSION_INPUTS = sorted(path for path in REGRESSIONS.glob("*/*") if path.is_file())


def test_every_regression_input_belongs_to_a_target() -> None:
    assert REGRESSION_INPUTS
    assert {path.parent.name for path in REGRESSION_INPUTS} <= set(TARGETS)


@pytest.mark.parametrize("path", REGRESSION_INPUTS, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_regression_input(path: Path) -> None:
    check(TARGETS[path.parent.name], path.read_bytes())
