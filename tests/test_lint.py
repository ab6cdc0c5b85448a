"""Hiring-readiness lint: each rule warns on the badge that lacks the thing and passes otherwise."""

from __future__ import annotations

import pytest

from credbridge.badges.lint import lint
from credbridge.model import Alignment, Credential, Issuer, Recipient

GOOD = Credential(
    kind="badge",
    name="Data Analysis Fundamentals",
    issuer=Issuer(name="Example University", id="https://example.edu/issuer"),
    issued="2024-05-01",
    expires="2027-05-01",
    url="https://badges.example.edu/b/1",
    image="https://badges.example.edu/b/1.png",
    criteria="Complete four graded projects.",
    alignments=[
        Alignment(target_name="analyse data", target_url="http://data.europa.eu/esco/skill/abc"),
        Alignment(target_name="Microsoft Excel", target_code="43232110", target_framework="O*NET"),
    ],
    recipient=Recipient(identity="sha256$abcd", type="email", hashed=True),
)


def outcomes(credential: Credential) -> dict[str, str]:
    return {check.id: check.outcome for check in lint(credential)}


def test_a_complete_badge_passes_every_rule() -> None:
    assert set(outcomes(GOOD).values()) == {"pass"}


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        ("skills_alignment", {"alignments": []}),
        ("framework_codes", {"alignments": [Alignment(target_name="teamwork", target_url="https://x.example/t")]}),
        ("criteria_narrative", {"criteria": "  "}),
        ("recipient_hashed", {"recipient": Recipient(identity="ann@example.com", type="email")}),
        ("image", {"image": None}),
        ("https", {"image": "http://badges.example.edu/b/1.png"}),
    ],
)
def test_each_rule_warns_with_advice(rule: str, change: dict) -> None:
    findings = {check.id: check for check in lint(GOOD.model_copy(update=change))}
    assert findings[rule].outcome == "warn"
    assert len(findings[rule].message) > 40
    others = {k: v.outcome for k, v in findings.items() if k != rule}
    assert set(others.values()) <= {"pass", "skip"}


def test_missing_expiry_warns_only_for_credentials_that_usually_expire() -> None:
    pmp = GOOD.model_copy(update={"name": "Project Management Professional (PMP)", "expires": None})
    assert outcomes(pmp)["expiry"] == "warn"
    course = GOOD.model_copy(update={"name": "Weekend pottery workshop", "expires": None})
    assert outcomes(course)["expiry"] == "pass"


def test_rules_that_cannot_apply_say_skip() -> None:
    bare = Credential(name="x", image="https://a.example/i.png")
    found = outcomes(bare)
    assert found["recipient_hashed"] == "skip"
    assert found["framework_codes"] == "skip"
