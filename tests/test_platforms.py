"""Credential-URL recognition: one case per platform shape, plus tracking-parameter cleaning."""

from __future__ import annotations

import pytest

from credbridge.platforms import PlatformLink, clean_url, recognise

UUID = "4f6e2b1a-1234-4cde-9abc-0123456789ab"


@pytest.mark.parametrize(
    ("url", "platform", "ident", "machine_readable"),
    [
        (f"https://www.credly.com/badges/{UUID}/public_url", "credly", UUID, True),
        (f"credly.com/badges/{UUID}", "credly", UUID, True),
        (f"https://www.credly.com/earner/earned/badge/{UUID}", "credly", UUID, True),
        (f"https://www.youracclaim.com/badges/{UUID}/linked_in_profile", "youracclaim", UUID, True),
        ("https://www.credential.net/10000005", "accredible", "10000005", False),
        ("https://badgr.com/public/assertions/abcDEF123", "badgr", "abcDEF123", True),
        ("https://api.eu.badgr.io/public/assertions/abcDEF123", "badgr", "abcDEF123", True),
        (
            "https://badges.instructure.com/public/assertions/Zx9_yW8",
            "canvas_credentials",
            "Zx9_yW8",
            True,
        ),
        ("https://openbadgefactory.com/v1/assertion/abcd1234.json", "openbadgefactory", "abcd1234", True),
        ("https://moodle.school.edu/badges/badge.php?hash=abc123def", "moodle", "abc123def", True),
        ("https://example.org/ob/assertions/123abc.json", "openbadges", "123abc", True),
        (
            "https://www.coursera.org/account/accomplishments/verify/ABCD1234EF",
            "coursera",
            "ABCD1234EF",
            False,
        ),
        ("https://coursera.org/verify/professional-cert/XYZ12345", "coursera", "XYZ12345", False),
        (
            "https://courses.edx.org/certificates/0123456789abcdef0123456789abcdef",
            "edx",
            "0123456789abcdef0123456789abcdef",
            False,
        ),
        (
            "https://learn.microsoft.com/api/credentials/share/en-us/JaneDoe-1234/ABCDEF0123456789?sharingId=X1",
            "microsoft_learn",
            "ABCDEF0123456789",
            False,
        ),
        (
            "https://www.udemy.com/certificate/UC-1a2b3c4d-aaaa-bbbb-cccc-0123456789ab/",
            "udemy",
            "UC-1a2b3c4d-aaaa-bbbb-cccc-0123456789ab",
            False,
        ),
        (
            "https://www.linkedin.com/learning/certificates/0123456789abcdef0123",
            "linkedin_learning",
            "0123456789abcdef0123",
            False,
        ),
        ("https://www.hackerrank.com/certificates/0a1b2c3d4e5f", "hackerrank", "0a1b2c3d4e5f", False),
        (
            "https://www.freecodecamp.org/certification/janedoe/responsive-web-design",
            "freecodecamp",
            "janedoe/responsive-web-design",
            False,
        ),
        (
            "https://cp.certmetrics.com/amazon/en/public/verify/credential/ABC123XYZ",
            "certmetrics",
            "ABC123XYZ",
            False,
        ),
        (
            "https://www.certmetrics.com/amazon/public/validation.aspx?ValidationNumber=ABCD1234",
            "certmetrics",
            "ABCD1234",
            False,
        ),
        (
            "https://www.certmetrics.com/comptia/public/verification.aspx?code=7QW1LH2CZXB4R9KV",
            "certmetrics",
            "7QW1LH2CZXB4R9KV",
            False,
        ),
        ("https://www.isc2.org/MemberVerification?member=2271234", "isc2", "2271234", False),
        (
            "https://learn.microsoft.com/api/achievements/share/en-us/IsabelCruz-2291/QWERTY12?sharingId=7F3E",
            "microsoft_learn",
            "QWERTY12",
            False,
        ),
    ],
)
def test_recognises_each_platform(url: str, platform: str, ident: str, machine_readable: bool) -> None:
    link = recognise(url)
    assert link == PlatformLink(platform, ident, clean_url(url), machine_readable)


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/janedoe",
        "https://www.linkedin.com/in/janedoe",
        "https://www.credly.com/users/janedoe/badges",
        "https://moodle.school.edu/badges/badge.php",
        "mailto:jane@example.com",
        "http://[::1",
        "",
    ],
)
def test_other_urls_are_not_credentials(url: str) -> None:
    assert recognise(url) is None


def test_clean_url_strips_tracking_and_keeps_meaningful_parameters() -> None:
    dirty = (
        "HTTPS://WWW.Credly.com:443/badges/x?utm_source=linkedin&utm_medium=social&trk=public"
        "&fbclid=IwAR0&gclid=1&mc_cid=2&mc_eid=3&lang=en%20US"
    )
    assert clean_url(dirty) == "https://www.credly.com/badges/x?lang=en%20US"
    moodle = "https://m.example.edu/badges/badge.php?hash=deadbeef&utm_campaign=x"
    assert clean_url(moodle) == "https://m.example.edu/badges/badge.php?hash=deadbeef"
    assert clean_url("www.coursera.org/verify/ABC123") == "https://www.coursera.org/verify/ABC123"
    assert clean_url("http://example.org:8080") == "http://example.org:8080/"


def test_tracking_parameters_do_not_change_the_identity() -> None:
    plain = recognise(f"https://www.credly.com/badges/{UUID}")
    tracked = recognise(f"https://www.credly.com/badges/{UUID}?utm_source=cv&trk=profile")
    assert plain == tracked
