"""Strings kept for evaluation never appear in the parser or its tests (issue 11).

A set used to measure the parser is only worth something while nothing in `src/` or `tests/`
was written from it. fixtures/resumes-dev3 was meant to be held out and was tuned on; these
tests make the same mistake visible for the sets kept for evaluation now:

- the reserved renderers (corpus/README.md documents the reservation): no file under `src/` or
  `tests/` names them, and no renderer manifest or script under `corpus/` (any package.json,
  themes.json or *.py) installs or uses them;
- the sealed evaluation strings in corpus/sealed.txt, when that file exists (one string per
  line; blank lines and lines starting with `#` are ignored): none appears, in any case, in a
  text file under `src/` or `tests/`.

The reserved names are built from parts so that this file does not contain them, and this file
is skipped anyway. A failure lists every `file:line: string` found.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEARCHED = (ROOT / "src", ROOT / "tests")
CORPUS = ROOT / "corpus"
SEALED = CORPUS / "sealed.txt"
SELF = Path(__file__).resolve()

_THEME = "jsonresume" + "-theme-"
RESERVED = tuple(
    [_THEME + name for name in ("even", "elegant", "stack" + "overflow", "mac" + "chiato", "flat", "kendall")]
    + ["Reactive" + "-Resume", "Awesome" + "-CV"]
)
"""Renderers kept for evaluation: no generator, parser rule or test may use them."""

_SKIPPED_DIRS = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", ".git"}


def _text(path: Path) -> str | None:
    """The file's text, or None for a binary file (a NUL byte near its start)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if b"\0" in data[:8192]:
        return None
    return data.decode("utf-8", errors="replace")


def _files(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        for path in sorted(root.rglob("*")):
            if path.is_file() and not _SKIPPED_DIRS & set(path.relative_to(root).parts) and path != SELF:
                yield path


def _occurrences(paths: Iterable[Path], strings: Iterable[str]) -> list[str]:
    """`file:line: 'string'` for every line of a text file that contains one of `strings`,
    compared case-insensitively."""
    wanted = [(s, s.casefold()) for s in dict.fromkeys(strings) if s]
    found: list[str] = []
    for path in paths:
        text = _text(path)
        if text is None:
            continue
        folded = text.casefold()
        hits = [s for s, key in wanted if key in folded]
        if not hits:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            line_folded = line.casefold()
            for string in hits:
                if string.casefold() in line_folded:
                    found.append(f"{_shown(path)}:{number}: {string!r}")
    return found


def _shown(path: Path) -> str:
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def _report(what: str, found: list[str]) -> str:
    return f"{len(found)} occurrence(s) of {what}:\n  " + "\n  ".join(found)


def sealed_strings(path: Path = SEALED) -> list[str]:
    """The sealed evaluation strings: one a line, blank lines and `#` comment lines ignored."""
    if not path.is_file():
        return []
    lines = (line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def test_reserved_renderers_are_not_named_in_src_or_tests() -> None:
    found = _occurrences(_files(SEARCHED), RESERVED)
    assert not found, _report("reserved renderer names in src/ or tests/", found)


def test_reserved_renderers_are_not_used_by_the_corpus() -> None:
    """No package.json, themes.json or Python file under corpus/ names a reserved renderer
    (corpus/README.md, which documents the reservation, may)."""
    if not CORPUS.is_dir():
        return
    manifests = [
        path
        for path in sorted(CORPUS.rglob("*"))
        if path.is_file() and (path.name in ("package.json", "themes.json") or path.suffix == ".py")
    ]
    found = _occurrences(manifests, RESERVED)
    assert not found, _report("reserved renderer names in corpus/ manifests or scripts", found)


def test_sealed_evaluation_strings_are_not_in_src_or_tests() -> None:
    strings = sealed_strings()
    if not strings:
        return  # corpus/sealed.txt is written later by the corpus lead
    found = _occurrences(_files(SEARCHED), strings)
    assert not found, _report("sealed evaluation strings (corpus/sealed.txt) in src/ or tests/", found)


def test_the_checks_find_what_they_look_for(tmp_path: Path) -> None:
    """The search itself: case-insensitive, file and line reported, binary files and comment
    lines of the sealed list skipped."""
    (tmp_path / "a.py").write_text("x = 1\nuses " + RESERVED[0].upper() + " here\n", encoding="utf-8")
    (tmp_path / "b.bin").write_bytes(b"\0" + RESERVED[1].encode())
    sealed = tmp_path / "sealed.txt"
    sealed.write_text("# a comment\n\nQuartz Harbour Licence #77\n", encoding="utf-8")
    assert sealed_strings(sealed) == ["Quartz Harbour Licence #77"]
    found = _occurrences([tmp_path / "a.py", tmp_path / "b.bin"], RESERVED)
    assert len(found) == 1 and found[0].endswith(f"a.py:2: {RESERVED[0]!r}"), found
