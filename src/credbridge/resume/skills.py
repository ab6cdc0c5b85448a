"""Skill phrases from skills sections, exactly as written.

"Cloud: AWS, Terraform, Kubernetes", "Python | SQL | Spark", "• Incident response" and
"Python (pandas, NumPy)" all become phrases; the category before a colon is not a skill. The
taxonomy engine maps and merges the phrases later (credbridge.taxonomy.enrich): here a Skill is
only a name with its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from credbridge.model import Evidence, Line, Skill, Source
from credbridge.resume.grammar import join_wrapped, strip_bullet
from credbridge.resume.sections import Section

_SPLIT = re.compile(r"\s*(?:,|;|\||•|·|▪|●|◦|/(?=\s)|\s-\s|\s–\s|\t|\s{3,})\s*")
_CATEGORY = re.compile(r"^(?P<category>[^:]{2,40}):\s*(?P<items>.+)$")
_MAX_WORDS = 6
_MAX_CHARS = 80
"""A skill is a short phrase; anything longer is a sentence or garbage."""


def _split_outside_parens(text: str) -> list[str]:
    pieces: list[str] = []
    depth = 0
    start = 0
    for match in _SPLIT.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth > 0:
            continue
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    return pieces


def _phrases(text: str) -> list[str]:
    """The skill phrases of one line of a skills section."""
    text = strip_bullet(text)
    category = _CATEGORY.match(text)
    if category:
        text = category.group("items")
    phrases: list[str] = []
    for piece in _split_outside_parens(text):
        piece = piece.strip().strip(".").strip()
        inner = re.search(r"\(([^()]*,[^()]*)\)", piece)
        if inner:  # "Python (pandas, NumPy)": the outer skill and each inner one
            outer = piece[: inner.start()].strip()
            phrases += [outer] if outer else []
            phrases += [p.strip() for p in inner.group(1).split(",")]
        else:
            phrases.append(piece)
    return [
        p
        for p in phrases
        if p and len(p.split()) <= _MAX_WORDS and len(p) <= _MAX_CHARS and re.search(r"[A-Za-z]", p)
    ]


def read_skills(
    sections: list[Section], file: str | None, edges: Mapping[int, float] | None = None
) -> list[Skill]:
    """One Skill per distinct phrase (case-insensitive), in document order, with evidence."""
    by_key: dict[str, Skill] = {}
    for section in sections:
        lines: list[tuple[str, Line | None]] = [
            (ln.text, ln) for ln in join_wrapped(section.lines, edges or {})
        ]
        if section.inline:
            lines.insert(0, (section.inline, section.heading))
        for text, line in lines:
            for phrase in _phrases(text):
                source = Source(
                    file=file,
                    page=line.page if line else None,
                    line=line.index if line else None,
                    text=text,
                    section=section.title,
                )
                skill = by_key.setdefault(phrase.casefold(), Skill(name=phrase))
                skill.evidence.append(Evidence(source=source))
    return list(by_key.values())
