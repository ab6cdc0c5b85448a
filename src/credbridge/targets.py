"""The registry of translation targets (hiring platforms and formats).

Adapters live in the top-level adapters/ folder (installed as `credbridge_adapters`) and are
found through the `credbridge.adapters` entry-point group, so a third party can add a target by
publishing a package with an entry point: nothing here lists them by hand.
"""

from __future__ import annotations

from functools import cache
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from credbridge.errors import UnknownTarget
from credbridge.model import CandidateProfile, Translation

ENTRY_POINT_GROUP = "credbridge.adapters"


@runtime_checkable
class Adapter(Protocol):
    """What a target must provide: a name, a human title, and a translation."""

    name: str
    title: str
    media_type: str

    def translate(self, profile: CandidateProfile) -> Translation: ...


@cache
def available() -> dict[str, Adapter]:
    """Every installed adapter by name; loaded once per process."""
    found: dict[str, Adapter] = {}
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        adapter = ep.load()
        if isinstance(adapter, Adapter):
            found[adapter.name] = adapter
    return found


def get(name: str) -> Adapter:
    """The adapter called `name`, or UnknownTarget naming the ones there are."""
    adapters = available()
    try:
        return adapters[name]
    except KeyError:
        known = ", ".join(sorted(adapters)) or "none installed"
        raise UnknownTarget(f"unknown target {name!r}; choose one of: {known}") from None


def translate(profile: CandidateProfile, target: str) -> Translation:
    return get(target).translate(profile)
