"""Text normalisation shared by the skill index, the matcher and the certification catalogue.

Index keys and query phrases must be normalised by the very same function, otherwise an exact
match silently becomes a fuzzy one; that is why this module is the only place that knows the
rules (case, Unicode forms, punctuation, "&" versus "and", plurals).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MAX_PHRASE_CHARS = 200
"""Longer input is not a skill phrase (a pasted paragraph); matching it would only invent links."""

_SEPARATORS = re.compile(r"[^0-9a-z+#]+")
_AMPERSAND = re.compile(r"\s*&\s*")
_LATIN = re.compile(r"[a-z]")
_AMERICAN = re.compile(r"^(\w{3,}?)(ization|izations|izing|ized|izes|ize|yzing|yzed|yzes|yze)$")
_BRITISH = {
    "ization": "isation", "izations": "isations", "izing": "ising", "ized": "ised", "izes": "ises",
    "ize": "ise", "yzing": "ysing", "yzed": "ysed", "yzes": "yses", "yze": "yse",
}  # fmt: skip


# Words whose final "s" is not a plural; stripping it would merge unrelated concepts. Words
# ending in -ss, -us, -is, -ics, -ous and -ies of three letters are kept by rule in singular().
def strip_accents(text: str) -> str:
    """Text without its combining accents ("février" -> "fevrier", "Über" -> "Uber"), for
    readers that must match words however a resume spells them."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def word_set(words: str) -> frozenset[str]:
    """A frozenset from a space-separated word list (keeps long lists readable)."""
    return frozenset(words.split())


STOPWORDS = word_set("a an and as at by for from in into of on or the to with without")
"""Words that carry no meaning in a skill label; fuzzy search ignores them."""

EDITION_WORDS = word_set("desktop edition enterprise online")
"""Trailing words that name an edition of a product, not another product ("Splunk Enterprise",
"Tableau Desktop"): the index and the matcher also try the name without. Not "software":
O*NET's "Inventory management software" is no product, and "inventory management" is a skill."""

_KEEP_S_WORDS = """
    access ads aks alias as asbestos atlas ats aws bias canvas chaos cms dbms diabetes dns ecs ehs
    eks express gas gis gps has hris ifrs ios its jenkins js keras kubernetes less lms measles mes
    mis ms news os pancreas pandas pms pos postgres qms rails rdbms redis sas sass series sms
    species ssas ssis ssrs tls tms ups vs was windows wms yes
"""
_KEEP_S = word_set(_KEEP_S_WORDS)


def normalise(text: str) -> str:
    """Fold case, Unicode forms, "&" and punctuation so equal labels compare equal.

    Keeps "+" and "#" (C++, C#, A+, Network+) because they carry meaning in skill names.
    Returns "" for input that is not a usable phrase (too long, no Latin letters or digits).
    """
    if not text or len(text) > MAX_PHRASE_CHARS:
        return ""
    folded = unicodedata.normalize("NFKC", text).casefold()
    folded = _AMPERSAND.sub(" and ", folded)
    folded = _SEPARATORS.sub(" ", folded).strip()
    if not folded or not (_LATIN.search(folded) or folded.isdigit()):
        return ""
    return folded


def singular(word: str) -> str:
    """A cheap English singular for index keys: "databases" -> "database", "skills" -> "skill"."""
    if len(word) <= 3 or word in _KEEP_S or not word.endswith("s"):
        return word
    if word.endswith(("ss", "us", "is", "ics", "ous")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")):
        return word[:-2]
    return word[:-1]


def british(word: str) -> str:
    """ESCO spells British: "optimization" -> "optimisation", "analyze" -> "analyse"."""
    match = _AMERICAN.match(word)
    return f"{match.group(1)}{_BRITISH[match.group(2)]}" if match else word


def key(text: str) -> str:
    """The exact-match key of a label or phrase: normalised, each word British and singular."""
    return key_of_normalised(normalise(text))


def key_of_normalised(norm: str) -> str:
    """key() of text that normalise() already returned (saves normalising twice)."""
    return " ".join(_word_key(word) for word in norm.split())


@lru_cache(maxsize=65536)
def _word_key(word: str) -> str:
    """One word's key; cached, since skill phrases share a small vocabulary."""
    return singular(british(word))


def compact(norm_key: str) -> str:
    """The key without spaces, so "node js", "nodejs" and "data base" meet their labels."""
    return norm_key.replace(" ", "")
