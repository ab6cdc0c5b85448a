"""Place codes both the contact reader (locations, phone countries) and the credential grammar
(a state code before a license number is a jurisdiction, not an issuer) need."""

from __future__ import annotations

_US_STATES_TEXT = """
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND
    OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC
"""
US_STATES = frozenset(_US_STATES_TEXT.split())
