"""Validate against the vendored LER-RS 4.4 schema set, with every `$ref` resolved locally.

The schemas are draft-04 and refer to each other by relative paths; each file is registered
under the URI of its place on www.hropenstandards.org so those paths resolve in the registry
and nothing is ever fetched.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

SITE = "www.hropenstandards.org"
LER_RS = "recruiting/json/LER-RSType.json"
OB3_CREDENTIAL = "recruiting/json/ler-rs/1EdTech/ob_v3p0_achievementcredential_schema_draft4.json"
VERIFIABLE_CERTIFICATION = "recruiting/json/ler-rs/VerifiableCertificationType.json"
VERIFIABLE_LICENSE = "recruiting/json/ler-rs/VerifiableLicenseType.json"


def _uri(relative: str) -> str:
    return f"https://{SITE}/{relative}"


@cache
def registry() -> Registry:
    """Every vendored schema file, keyed by its hropenstandards.org URI."""
    root = files(__package__).joinpath("schema").joinpath(SITE)
    resources = []
    stack = [(root, "")]
    while stack:
        folder, prefix = stack.pop()
        for entry in folder.iterdir():
            if entry.is_dir():
                stack.append((entry, f"{prefix}{entry.name}/"))
            elif entry.name.endswith(".json"):
                contents = json.loads(entry.read_text(encoding="utf-8"))
                resources.append((_uri(prefix + entry.name), Resource(contents, specification=DRAFT4)))
    return Registry().with_resources(resources)


@cache
def validator(relative: str = LER_RS) -> Draft4Validator:
    """A validator for one schema of the set (LER-RS itself by default)."""
    return Draft4Validator({"$ref": _uri(relative)}, registry=registry())


def errors(instance: Any, relative: str = LER_RS) -> list[str]:
    """Human-readable validation errors, empty when `instance` is valid; deterministic order."""
    found = validator(relative).iter_errors(instance)
    return sorted(f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}" for e in found)


def is_ob3_credential(document: dict[str, Any]) -> bool:
    """True when a credential fits the OB 3.0 schema LER-RS 4.4 embeds (the VC 1.1 era one)."""
    return validator(OB3_CREDENTIAL).is_valid(document)
