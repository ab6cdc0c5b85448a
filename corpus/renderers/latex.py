"""LaTeX renderers: resume classes shipped by Debian's TeX Live (moderncv, europasscv, curve, ...).

Each renderer builds one .tex source from a Resume in Python (no template engine: LaTeX braces make
Jinja-style templates harder to read than plain f-strings) and compiles it in a throw-away folder
with pdflatex, xelatex or lualatex. Compiles are independent, so a batch runs two at a time (the
machine has two cores). The helpers at the top (dates, credentials, links) are markup-neutral and
are reused by corpus/renderers/typeset.py so both families print the same strings.
"""

from __future__ import annotations

import functools
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from corpus.renderers.base import Job, Output, Renderer, Resume, path_for

TIMEOUT_S = 60
WORKERS = 2

# ---------------------------------------------------------------------------------------------
# Markup-neutral helpers (shared with typeset.py)
# ---------------------------------------------------------------------------------------------

PRESENT = {
    "en": "Present",
    "de": "heute",
    "fr": "présent",
    "es": "actualidad",
    "pt": "atual",
    "it": "presente",
    "nl": "heden",
}
"""Word for an open end date. Work dates are free-form per SPEC, but an English "Present" on a
German resume would be a layout nobody produces, so it follows the resume's language."""


def xcb(resume: Resume) -> dict[str, Any]:
    """The corpus's own block; empty dict when absent so renderers never crash on odd inputs."""
    return resume.get("x-credbridge") or {}


def headings(resume: Resume) -> dict[str, str]:
    """Localized headings; a missing key means the heading is not printed (SPEC)."""
    return {k: v for k, v in (xcb(resume).get("headings") or {}).items() if v}


def lang(resume: Resume) -> str:
    """Two-letter language of the resume, defaulting to English."""
    return str(xcb(resume).get("lang") or "en")


def certificates(resume: Resume) -> list[dict[str, Any]]:
    """Credentials that belong in the certificates section (others are mentioned elsewhere)."""
    return [c for c in xcb(resume).get("credentials") or [] if c.get("where") == "certificates"]


def fmt_date(iso: str | None, style: str) -> str:
    """Format an ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in one of a few numeric styles.

    Numeric styles avoid month names, which would need localizing; templates differ in style so
    the parser sees several conventions."""
    if not iso:
        return ""
    parts = str(iso).split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else ""
    if style == "year" or not month:
        return year
    if style == "iso":
        return f"{year}-{month}"
    if style == "dot":
        return f"{month}.{year}"
    return f"{month}/{year}"


def date_range(item: dict[str, Any], resume: Resume, style: str, sep: str = " – ") -> str:
    """Start–end of a work or education entry; an empty end date means "present"."""
    start = fmt_date(item.get("startDate"), style)
    end = fmt_date(item.get("endDate"), style) or PRESENT.get(lang(resume), PRESENT["en"])
    if not start:
        return fmt_date(item.get("endDate"), style)
    return f"{start}{sep}{end}"


def location_text(resume: Resume) -> str:
    """City, region, country code joined the usual way."""
    loc = (resume.get("basics") or {}).get("location") or {}
    return ", ".join(str(loc[k]) for k in ("city", "region", "countryCode") if loc.get(k))


def cert_dates(c: dict[str, Any], sep: str = " – ") -> str:
    """issued_text and expires_text, each whole, joined as a range (no words added)."""
    return sep.join(t for t in (c.get("issued_text"), c.get("expires_text")) if t)


def join_nonempty(parts: Sequence[str | None], sep: str = ", ") -> str:
    """Join only the parts that are set."""
    return sep.join(p for p in parts if p)


Esc = Callable[[str], str]
Link = Callable[[str, str], str]


def cert_name_and_suffix(c: dict[str, Any], esc: Esc, link: Link, url_text: Esc) -> tuple[str, str]:
    """Markup for a credential's name (linked when there is no link label) and the trailing link
    label / printed URL, following SPEC's link rules. ``link(url, markup)`` wraps markup."""
    url = c.get("url")
    name = esc(c.get("name") or "")
    suffix = ""
    if url:
        if c.get("link_label"):
            suffix += " " + link(url, esc(c["link_label"]))
        else:
            name = link(url, name)
        if c.get("url_printed"):
            suffix += " " + url_text(url)
    return name, suffix


def cert_line(c: dict[str, Any], esc: Esc, link: Link, url_text: Esc) -> str:
    """The credential's ``line`` verbatim, with the name inside it linked when there is no label."""
    line = c.get("line") or ""
    name = c.get("name") or ""
    url = c.get("url")
    if url and not c.get("link_label") and name and name in line:
        i = line.index(name)
        body = esc(line[:i]) + link(url, esc(name)) + esc(line[i + len(name) :])
    else:
        body = esc(line)
    _, suffix = cert_name_and_suffix(c, esc, link, url_text)
    return body + suffix


def split_name(name: str) -> tuple[str, str]:
    """First and last name for classes that want them apart (moderncv's \\name{}{})."""
    name = name.strip()
    if " " not in name:
        return "", name
    first, last = name.rsplit(" ", 1)
    return first, last


def profiles(resume: Resume) -> list[dict[str, str]]:
    """Social profiles with at least a URL or a username."""
    return [
        p for p in (resume.get("basics") or {}).get("profiles") or [] if p.get("url") or p.get("username")
    ]


def contact_items(resume: Resume) -> list[str]:
    """Location, phone, linked email and website, and linked profiles, as LaTeX (empty where absent)."""
    b = resume.get("basics") or {}
    items = [
        tex(location_text(resume)),
        tex(b.get("phone")),
        href("mailto:" + b["email"], tex(b["email"])) if b.get("email") else "",
        href(b["url"], tex(b["url"])) if b.get("url") else "",
    ]
    return items + [
        href(p["url"], tex(join_nonempty([p.get("network"), p.get("username")], ": ")))
        for p in profiles(resume)
        if p.get("url")
    ]


def run_batch(jobs: Sequence[Job], one: Callable[[Job], Output], workers: int = WORKERS) -> list[Output]:
    """Run ``one`` for each job on a small thread pool, in order; exceptions become errors."""

    def safe(job: Job) -> Output:
        try:
            job.outdir.mkdir(parents=True, exist_ok=True)
            return one(job)
        except Exception as exc:  # one bad job must never stop the batch
            return Output(job=job, error=f"{type(exc).__name__}: {exc}")

    if len(jobs) <= 1:
        return [safe(j) for j in jobs]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(safe, jobs))


def smoke_main(renderers: Sequence[Renderer], argv: Sequence[str]) -> int:
    """``python -m corpus.renderers.<module> resume.json... outdir``: render with every renderer
    and print seconds per document, for the smoke test in SPEC."""
    import json

    if len(argv) < 2:
        print(f"usage: {sys.argv[0]} RESUME.json [RESUME.json...] OUTDIR", file=sys.stderr)
        return 2
    *inputs, outdir = argv
    resumes = [(Path(p).stem, json.loads(Path(p).read_text(encoding="utf-8"))) for p in inputs]
    failed = 0
    for r in renderers:
        jobs = [Job(resume=res, stem=f"{stem}--{r.id}", outdir=Path(outdir)) for stem, res in resumes]
        t0 = time.monotonic()
        outs = r.render_batch(jobs)
        dt = (time.monotonic() - t0) / max(1, len(jobs))
        for o in outs:
            if o.error:
                failed += 1
                print(f"FAIL {r.id} {o.job.stem}: {o.error}")
            else:
                print(f"ok   {r.id:32s} {dt:6.2f} s/doc  {', '.join(str(p) for p in o.files.values())}")
    print(f"{len(renderers)} renderers, {failed} failures")
    return 1 if failed else 0


# ---------------------------------------------------------------------------------------------
# LaTeX markup
# ---------------------------------------------------------------------------------------------

_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_TEX_RE = re.compile("|".join(re.escape(k) for k in _TEX_SPECIALS))


def tex(s: Any) -> str:
    """Escape text for LaTeX: specials plus newlines (a blank line would end a paragraph)."""
    if s is None:
        return ""
    text = re.sub(r"\s+", " ", str(s))  # keep edge spaces: cert_line splits the line around the name
    return _TEX_RE.sub(lambda m: _TEX_SPECIALS[m.group(0)], text)


def tex_url(url: str) -> str:
    """A URL as \\href's first argument: # % & \\ { } get a backslash (& so it also works in tables)."""
    return re.sub(r"([#%&{}\\])", r"\\\1", url)


def href(url: str, markup: str) -> str:
    """A hyperref link around already-escaped markup."""
    return rf"\href{{{tex_url(url)}}}{{{markup}}}"


def url_text(url: str) -> str:
    """A URL printed as visible, linked text that may break after slashes."""
    shown = tex(url).replace("/", r"/\allowbreak{}")
    return href(url, rf"\texttt{{{shown}}}")


def tex_cert_line(c: dict[str, Any]) -> str:
    """A credential's line in LaTeX."""
    return cert_line(c, tex, href, url_text)


def tex_cert_slots(c: dict[str, Any]) -> tuple[str, str]:
    """(name markup, link suffix markup) for slot-based credential layouts."""
    return cert_name_and_suffix(c, tex, href, url_text)


def itemize(items: Sequence[str], opts: str = "") -> str:
    """A LaTeX itemize of escaped strings, or nothing."""
    items = [i for i in items if i]
    if not items:
        return ""
    body = "\n".join(rf"\item {tex(i)}" for i in items)
    return f"\\begin{{itemize}}{opts}\n{body}\n\\end{{itemize}}"


def font_preamble(engine: str, family: str = "lm", sans: bool = False) -> str:
    """Unicode-safe fonts for each engine: T1 + Latin Modern on pdflatex; fontspec with a Debian
    font loaded by file name on xe/lualatex (no font-name database, no network)."""
    if engine == "pdflatex":
        return (
            "\\usepackage[utf8]{inputenc}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
            "\\usepackage{textcomp}\n"
        )
    if family == "dejavu":
        fonts = (
            "\\setmainfont{DejaVuSerif}[Path=/usr/share/fonts/truetype/dejavu/,Extension=.ttf,"
            "BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]\n"
            "\\setsansfont{DejaVuSans}[Path=/usr/share/fonts/truetype/dejavu/,Extension=.ttf,"
            "BoldFont=*-Bold,ItalicFont=*-Oblique,BoldItalicFont=*-BoldOblique]\n"
            "\\setmonofont{DejaVuSansMono}[Path=/usr/share/fonts/truetype/dejavu/,Extension=.ttf,"
            "BoldFont=*-Bold,ItalicFont=*-Oblique,BoldItalicFont=*-BoldOblique]\n"
        )
    elif family == "liberation":
        fonts = (
            "\\setmainfont{LiberationSerif}[Path=/usr/share/fonts/truetype/liberation2/,Extension=.ttf,"
            "UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]\n"
            "\\setsansfont{LiberationSans}[Path=/usr/share/fonts/truetype/liberation2/,Extension=.ttf,"
            "UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,BoldItalicFont=*-BoldItalic]\n"
        )
    else:  # Latin Modern OpenType, found through kpathsea by file name
        fonts = ""
    sansdefault = "\\renewcommand{\\familydefault}{\\sfdefault}\n" if sans else ""
    return "\\usepackage{fontspec}\n" + fonts + sansdefault


# ---------------------------------------------------------------------------------------------
# Versions for the Renderer.tool strings (read once, from the installed files)
# ---------------------------------------------------------------------------------------------

_CLASS_FILES = [
    "moderncv.cls",
    "europasscv.cls",
    "europecv.cls",
    "curve.cls",
    "currvita.sty",
    "simplecv.cls",
    "article.cls",
]


@functools.lru_cache(maxsize=1)
def _texlive() -> str:
    """ "TeX Live 2022" from pdflatex --version, or "TeX Live" when it cannot be run."""
    try:
        out = subprocess.run(["pdflatex", "--version"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return "TeX Live"
    m = re.search(r"TeX Live (\d{4})", out)
    return f"TeX Live {m.group(1)}" if m else "TeX Live"


@functools.lru_cache(maxsize=1)
def _class_versions() -> dict[str, str]:
    """Version of each class from its \\Provides line (e.g. "v2.3.1" or "2020-10-31")."""
    found: dict[str, str] = {}
    try:
        paths = subprocess.run(
            ["kpsewhich", *_CLASS_FILES], capture_output=True, text=True, timeout=20
        ).stdout.split()
    except (OSError, subprocess.SubprocessError):
        return found
    for p in paths:
        try:
            head = Path(p).read_text(encoding="latin-1")[:20000]
        except OSError:
            continue
        m = re.search(r"\\Provides(?:Class|Package)\{[^}]*\}\s*(?:%\s*)?\[([^\]]*)\]", head)
        if not m:
            continue
        info = " ".join(m.group(1).split())
        v = re.search(r"v\d+(?:\.\d+)*[a-z]?", info)
        d = re.search(r"\d{4}[-/]\d{2}[-/]\d{2}|\d{2}/\d{2}/\d{4}", info)
        found[Path(p).stem] = v.group(0) if v else (d.group(0) if d else info[:20])
    return found


def tool_string(cls: str, engine: str) -> str:
    """E.g. "moderncv v2.3.1 (TeX Live 2022) via xelatex"."""
    v = _class_versions().get(cls, "")
    return f"{cls}{' ' + v if v else ''} ({_texlive()}) via {engine}"


# ---------------------------------------------------------------------------------------------
# Compilation
# ---------------------------------------------------------------------------------------------


def _log_error(log: str) -> str:
    """The first TeX error and its context from a .log, short enough for a manifest."""
    lines = log.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("!"):
            return " | ".join(x.strip() for x in lines[i : i + 4] if x.strip())[:400]
    return (lines[-1] if lines else "no log")[:400]


def compile_tex(source: str | dict[str, str], engine: str, runs: int = 1) -> bytes:
    """Compile a LaTeX source (or several files, main one ``cv.tex``) in a temp dir; returns the PDF
    bytes or raises RuntimeError."""
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", FORCE_SOURCE_DATE="1")
    with tempfile.TemporaryDirectory(prefix="cb-tex-") as tmp:
        d = Path(tmp)
        for name, text in (source if isinstance(source, dict) else {"cv.tex": source}).items():
            (d / name).write_text(text, encoding="utf-8")
        cmd = [engine, "-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "cv.tex"]
        for _ in range(runs):
            try:
                proc = subprocess.run(
                    cmd, cwd=d, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=TIMEOUT_S
                )
            except subprocess.TimeoutExpired as exc:
                raise RuntimeError(f"{engine} timed out after {TIMEOUT_S} s") from exc
            if proc.returncode != 0:
                log = (
                    (d / "cv.log").read_text(encoding="utf-8", errors="replace")
                    if (d / "cv.log").exists()
                    else proc.stdout.decode("utf-8", "replace")
                )
                raise RuntimeError(f"{engine} exit {proc.returncode}: {_log_error(log)}")
        pdf = d / "cv.pdf"
        if not pdf.exists():
            raise RuntimeError(f"{engine} produced no PDF")
        return pdf.read_bytes()


def latex_renderer(
    rid: str,
    cls: str,
    engine: str,
    build: Callable[[Resume, str], str | dict[str, str]],
    runs: int = 1,
    notes: str = "",
) -> Renderer:
    """A Renderer whose jobs build a source with ``build(resume, engine)`` and compile it."""

    def one(job: Job) -> Output:
        source = build(job.resume, engine)
        if os.environ.get("CB_KEEP_TEX"):  # debugging aid: keep the source beside the PDF
            text = source if isinstance(source, str) else "\n%%%%\n".join(source.values())
            path_for(job, "pdf").with_suffix(".tex").write_text(text, encoding="utf-8")
        pdf = compile_tex(source, engine, runs)
        out = path_for(job, "pdf")
        out.write_bytes(pdf)
        return Output(job=job, files={"pdf": out})

    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        return run_batch(jobs, one)

    return Renderer(
        id=rid,
        family="latex",
        variants=("pdf",),
        render_batch=render_batch,
        tool=tool_string(cls, engine),
        notes=notes,
    )


# ---------------------------------------------------------------------------------------------
# moderncv (five styles)
# ---------------------------------------------------------------------------------------------


def _moderncv_certs(resume: Resume, mode: str) -> str:
    """Certificates in one of moderncv's natural shapes; ``mode`` varies line vs. slots."""
    out = []
    for c in certificates(resume):
        if mode == "line":
            out.append(rf"\cvlistitem{{{tex_cert_line(c)}}}")
            continue
        name, suffix = tex_cert_slots(c)
        if mode == "item":  # \cvitem{dates}{name, issuer, id}
            body = join_nonempty([name, tex(c.get("issuer")), tex(c.get("id_text"))]) + suffix
            out.append(rf"\cvitem{{{tex(cert_dates(c))}}}{{{body}}}")
        elif mode == "entry":  # \cventry{dates}{name}{issuer}{id}{}{link}
            out.append(
                rf"\cventry{{{tex(cert_dates(c))}}}{{{name}}}{{{tex(c.get('issuer'))}}}"
                rf"{{{tex(c.get('id_text'))}}}{{}}{{{suffix.strip()}}}"
            )
        else:  # comment: \cvitemwithcomment{name}{issuer}{dates}
            rest = join_nonempty([tex(c.get("issuer")), tex(c.get("id_text"))])
            out.append(rf"\cvitemwithcomment{{{name}{suffix}}}{{{rest}}}{{{tex(cert_dates(c))}}}")
    return "\n".join(out)


def _section(h: dict[str, str], key: str, cmd: str = "section") -> str:
    """\\section{heading} when the heading is given, else nothing (SPEC: omit missing headings)."""
    return rf"\{cmd}{{{tex(h[key])}}}" if key in h else ""


def build_moderncv(
    style: str, color: str, cert_mode: str, date_style: str, sans: bool
) -> Callable[[Resume, str], str]:
    """A builder for one moderncv style."""

    def build(resume: Resume, engine: str) -> str:
        b = resume.get("basics") or {}
        h = headings(resume)
        first, last = split_name(b.get("name") or "")
        loc = b.get("location") or {}
        head = [
            rf"\name{{{tex(first)}}}{{{tex(last)}}}",
            rf"\title{{{tex(b.get('label'))}}}" if b.get("label") else "",
            rf"\address{{{tex(loc.get('city'))}}}{{{tex(loc.get('region'))}}}{{{tex(loc.get('countryCode'))}}}"
            if loc
            else "",
            rf"\phone[mobile]{{{tex(b.get('phone'))}}}" if b.get("phone") else "",
            rf"\email{{{tex(b.get('email'))}}}" if b.get("email") else "",
            rf"\homepage{{{tex(b.get('url', '').split('://', 1)[-1])}}}" if b.get("url") else "",
        ]
        extra = [
            href(p["url"], tex(join_nonempty([p.get("network"), p.get("username")], ": ")))
            if p.get("url")
            else tex(join_nonempty([p.get("network"), p.get("username")], ": "))
            for p in profiles(resume)
        ]
        if extra:
            head.append(r"\extrainfo{" + r" \textbullet{} ".join(extra) + "}")
        body = [r"\makecvtitle"]
        if b.get("summary"):
            body += [_section(h, "summary"), rf"\cvitem{{}}{{{tex(b['summary'])}}}"]
        if resume.get("work"):
            body.append(_section(h, "work"))
            for w in resume["work"]:
                desc = tex(w.get("summary"))
                hl = itemize(w.get("highlights") or [])
                body.append(
                    rf"\cventry{{{tex(date_range(w, resume, date_style, ' -- '))}}}"
                    rf"{{{tex(w.get('position'))}}}{{{tex(w.get('name'))}}}{{{tex(w.get('location'))}}}"
                    rf"{{}}{{{desc}{hl}}}"
                )
        if resume.get("education"):
            body.append(_section(h, "education"))
            for e in resume["education"]:
                body.append(
                    rf"\cventry{{{tex(date_range(e, resume, date_style, ' -- '))}}}"
                    rf"{{{tex(e.get('studyType'))}}}{{{tex(e.get('institution'))}}}{{{tex(e.get('area'))}}}"
                    rf"{{{tex(e.get('score'))}}}{{}}"
                )
        certs = _moderncv_certs(resume, cert_mode)
        if certs:
            body += [_section(h, "certificates"), certs]
        if resume.get("awards"):
            body.append(_section(h, "awards"))
            for a in resume["awards"]:
                body.append(
                    rf"\cventry{{{tex(fmt_date(a.get('date'), date_style))}}}{{{tex(a.get('title'))}}}"
                    rf"{{{tex(a.get('awarder'))}}}{{}}{{}}{{{tex(a.get('summary'))}}}"
                )
        if resume.get("skills"):
            body.append(_section(h, "skills"))
            for s in resume["skills"]:
                body.append(rf"\cvitem{{{tex(s.get('name'))}}}{{{tex(', '.join(s.get('keywords') or []))}}}")
        if resume.get("languages"):
            body.append(_section(h, "languages"))
            for lg in resume["languages"]:
                body.append(rf"\cvitem{{{tex(lg.get('language'))}}}{{{tex(lg.get('fluency'))}}}")
        return "\n".join(
            [
                rf"\documentclass[11pt,a4paper,{'sans' if sans else 'roman'}]{{moderncv}}",
                rf"\moderncvstyle[nosymbols]{{{style}}}",
                rf"\moderncvcolor{{{color}}}",
                font_preamble(engine, "dejavu" if engine == "xelatex" else "lm"),
                r"\usepackage[scale=0.8]{geometry}",
                *[x for x in head if x],
                r"\begin{document}",
                *[x for x in body if x],
                r"\end{document}",
                "",
            ]
        )

    return build


# ---------------------------------------------------------------------------------------------
# europasscv (2013 Europass layout) and europecv (the older one)
# ---------------------------------------------------------------------------------------------

_EUROPASS_LANG = {
    "en": "english",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "nl": "dutch",
}


def build_europasscv(resume: Resume, engine: str) -> str:
    """europasscv: two-column Europass grid; certificates print their ``line``."""
    b = resume.get("basics") or {}
    h = headings(resume)
    language = _EUROPASS_LANG.get(lang(resume), "english")
    pre = [
        rf"\documentclass[{language},a4paper,nototpages,notitle]{{europasscv}}",
        font_preamble(engine, "liberation"),
        r"\makeatletter",
        rf"\def\ecv@infosectionkey{{{tex(h.get('contact', ''))}}}",
        r"\makeatother",
        rf"\ecvname{{{tex(b.get('name'))}}}",
        rf"\ecvfootername{{{tex(b.get('name'))}}}",
    ]
    if location_text(resume):
        pre.append(rf"\ecvaddress{{{tex(location_text(resume))}}}")
    if b.get("phone"):
        pre.append(rf"\ecvmobile{{{tex(b['phone'])}}}")
    if b.get("email"):
        pre.append(rf"\ecvemail{{{tex(b['email'])}}}")  # the class links it itself (\processlinks)
    if b.get("url"):
        pre.append(rf"\ecvhomepage{{{tex(b['url'])}}}")
    for p in profiles(resume):
        shown = tex(p.get("username") or p.get("url"))
        pre.append(
            rf"\ecvim{{{tex(p.get('network'))}}}{{{href(p['url'], shown) if p.get('url') else shown}}}"
        )
    body = [r"\begin{document}", r"\begin{europasscv}", r"\ecvpersonalinfo"]
    if b.get("label"):
        body.append(rf"\ecvitem{{}}{{\large\textbf{{{tex(b['label'])}}}}}")
    if b.get("summary"):
        body += [rf"\ecvsection{{{tex(h.get('summary', ''))}}}", rf"\ecvitem{{}}{{{tex(b['summary'])}}}"]
    if resume.get("work"):
        body.append(rf"\ecvsection{{{tex(h.get('work', ''))}}}")
        for w in resume["work"]:
            body.append(rf"\ecvtitle{{{tex(date_range(w, resume, 'num'))}}}{{{tex(w.get('position'))}}}")
            body.append(rf"\ecvitem{{}}{{{tex(w.get('name'))}}}")
            if w.get("summary") or w.get("highlights"):
                body.append(
                    rf"\ecvitem{{}}{{{tex(w.get('summary'))}"
                    rf"{itemize(w.get('highlights') or [], '[leftmargin=*,nosep]')}}}"
                )
    if resume.get("education"):
        body.append(rf"\ecvsection{{{tex(h.get('education', ''))}}}")
        for e in resume["education"]:
            body.append(
                rf"\ecvtitle{{{tex(date_range(e, resume, 'num'))}}}"
                rf"{{{tex(join_nonempty([e.get('studyType'), e.get('area')]))}}}"
            )
            body.append(rf"\ecvitem{{}}{{{tex(e.get('institution'))}}}")
    certs = certificates(resume)
    if certs:
        body.append(rf"\ecvsection{{{tex(h.get('certificates', ''))}}}")
        body.append(r"\ecvitem{}{" + itemize_raw([tex_cert_line(c) for c in certs]) + "}")
    if resume.get("awards"):
        body.append(rf"\ecvsection{{{tex(h.get('awards', ''))}}}")
        for a in resume["awards"]:
            body.append(rf"\ecvtitle{{{tex(fmt_date(a.get('date'), 'num'))}}}{{{tex(a.get('title'))}}}")
            body.append(rf"\ecvitem{{}}{{{tex(join_nonempty([a.get('awarder'), a.get('summary')], '. '))}}}")
    if resume.get("skills"):
        body.append(rf"\ecvsection{{{tex(h.get('skills', ''))}}}")
        for s in resume["skills"]:
            body.append(rf"\ecvitem{{{tex(s.get('name'))}}}{{{tex(', '.join(s.get('keywords') or []))}}}")
    if resume.get("languages"):
        body.append(rf"\ecvsection{{{tex(h.get('languages', ''))}}}")
        for lg in resume["languages"]:
            body.append(rf"\ecvitem{{{tex(lg.get('language'))}}}{{{tex(lg.get('fluency'))}}}")
    body += [r"\end{europasscv}", r"\end{document}", ""]
    return "\n".join(pre + body)


def itemize_raw(items: Sequence[str], opts: str = "[leftmargin=*,nosep]") -> str:
    """An itemize of items that are already LaTeX markup."""
    if not items:
        return ""
    return f"\\begin{{itemize}}{opts}\n" + "\n".join(rf"\item {i}" for i in items) + "\n\\end{itemize}"


def build_europecv(resume: Resume, engine: str) -> str:
    """europecv (the pre-2013 Europass class); certificates in its item slots."""
    b = resume.get("basics") or {}
    h = headings(resume)
    language = {
        "en": "english",
        "de": "german",
        "fr": "french",
        "es": "spanish",
        "pt": "portuges",
        "it": "italian",
        "nl": "english",  # europecv's ecvnl.def stops pdflatex (TeX Live 2022): English labels
    }.get(lang(resume), "english")
    pre = [
        rf"\documentclass[{language},a4paper,nologo,notitle,nototpages]{{europecv}}",
        font_preamble(engine),
        r"\usepackage[top=1.5cm,bottom=1.5cm,left=1.5cm,right=1.5cm]{geometry}",
        r"\usepackage{hyperref}",
        r"\makeatletter",
        rf"\def\ecv@infosectionkey{{{tex(h.get('contact', ''))}}}",
        r"\makeatother",
        rf"\ecvname{{{tex(b.get('name'))}}}",
        rf"\ecvfootername{{{tex(b.get('name'))}}}",
    ]
    if location_text(resume):
        pre.append(rf"\ecvaddress{{{tex(location_text(resume))}}}")
    if b.get("phone"):
        pre.append(rf"\ecvtelephone{{{tex(b['phone'])}}}")
    if b.get("email"):
        pre.append(rf"\ecvemail{{{href('mailto:' + b['email'], tex(b['email']))}}}")
    if b.get("url"):
        pre.append(rf"\ecvhomepage{{{href(b['url'], tex(b['url']))}}}")
    body = [r"\begin{document}", r"\begin{europecv}"]
    body.append(r"\ecvpersonalinfo[5pt]")
    for p in profiles(resume):
        body.append(
            rf"\ecvitem{{{tex(p.get('network'))}}}{{{href(p['url'], tex(p.get('username') or p['url']))}}}"
            if p.get("url")
            else rf"\ecvitem{{{tex(p.get('network'))}}}{{{tex(p.get('username'))}}}"
        )
    if b.get("label"):
        body.append(rf"\ecvitem{{}}{{\large\textbf{{{tex(b['label'])}}}}}")
    if b.get("summary"):
        body += [rf"\ecvsection{{{tex(h.get('summary', ''))}}}", rf"\ecvitem{{}}{{{tex(b['summary'])}}}"]
    if resume.get("work"):
        body.append(rf"\ecvsection{{{tex(h.get('work', ''))}}}")
        for w in resume["work"]:
            body.append(
                rf"\ecvitem{{\large {tex(date_range(w, resume, 'dot'))}}}"
                rf"{{\large\textbf{{{tex(w.get('position'))}}}}}"
            )
            body.append(rf"\ecvitem{{}}{{{tex(w.get('name'))}}}")
            if w.get("summary"):
                body.append(rf"\ecvitem{{}}{{{tex(w.get('summary'))}}}")
            for hl in w.get("highlights") or []:
                body.append(rf"\ecvitem{{}}{{\textbullet{{}} {tex(hl)}}}")
    if resume.get("education"):
        body.append(rf"\ecvsection{{{tex(h.get('education', ''))}}}")
        for e in resume["education"]:
            body.append(
                rf"\ecvitem{{\large {tex(date_range(e, resume, 'dot'))}}}"
                rf"{{\large\textbf{{{tex(e.get('studyType'))}}}}}"
            )
            body.append(rf"\ecvitem{{}}{{{tex(join_nonempty([e.get('area'), e.get('institution')]))}}}")
    certs = certificates(resume)
    if certs:
        body.append(rf"\ecvsection{{{tex(h.get('certificates', ''))}}}")
        for c in certs:
            name, suffix = tex_cert_slots(c)
            body.append(rf"\ecvitem{{{tex(cert_dates(c))}}}{{\textbf{{{name}}}{suffix}}}")
            if c.get("issuer") or c.get("id_text"):
                body.append(rf"\ecvitem{{}}{{{tex(join_nonempty([c.get('issuer'), c.get('id_text')]))}}}")
    if resume.get("awards"):
        body.append(rf"\ecvsection{{{tex(h.get('awards', ''))}}}")
        for a in resume["awards"]:
            body.append(
                rf"\ecvitem{{{tex(fmt_date(a.get('date'), 'dot'))}}}{{\textbf{{{tex(a.get('title'))}}}}}"
            )
            body.append(
                rf"\ecvitem{{}}{{{tex(join_nonempty([a.get('awarder'), a.get('summary')], ' -- '))}}}"
            )
    if resume.get("skills"):
        body.append(rf"\ecvsection{{{tex(h.get('skills', ''))}}}")
        for s in resume["skills"]:
            body.append(rf"\ecvitem{{{tex(s.get('name'))}}}{{{tex(', '.join(s.get('keywords') or []))}}}")
    if resume.get("languages"):
        body.append(rf"\ecvsection{{{tex(h.get('languages', ''))}}}")
        for lg in resume["languages"]:
            body.append(rf"\ecvitem{{{tex(lg.get('language'))}}}{{{tex(lg.get('fluency'))}}}")
    body += [r"\end{europecv}", r"\end{document}", ""]
    return "\n".join(pre + [x for x in body if x])


# ---------------------------------------------------------------------------------------------
# curve (rubrics), currvita (cvlist), simplecv (topics)
# ---------------------------------------------------------------------------------------------


def build_curve(resume: Resume, engine: str) -> dict[str, str]:
    """curve: rubrics with a date column; certificates in slots (dates | name, issuer, id).

    curve's rubrics are ltxtable longtables, which only work read from their own files through
    \\makerubric, so this returns one file per rubric."""
    files: dict[str, str] = {}
    b = resume.get("basics") or {}
    h = headings(resume)

    def rubric(key: str, entries: list[str]) -> list[str]:
        files[f"{key}.tex"] = "\n".join(
            [rf"\begin{{rubric}}{{{tex(h.get(key, ''))}}}", *entries, r"\end{rubric}", ""]
        )
        return [rf"\makerubric{{{key}}}"]

    contact = contact_items(resume)
    out = [
        r"\documentclass[a4paper,11pt]{curve}",
        font_preamble(engine),
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{hyperref}",
        rf"\leftheader{{\Large\textbf{{{tex(b.get('name'))}}}\\ {tex(b.get('label'))}}}",
        r"\rightheader{" + r"\\ ".join(c for c in contact if c) + "}",
        r"\title{}",
        r"\begin{document}",
        r"\makeheaders[c]",
    ]
    if b.get("summary"):
        out += rubric("summary", [rf"\entry*[] {tex(b['summary'])}"])
    if resume.get("work"):
        ents = []
        for w in resume["work"]:
            text = rf"\textbf{{{tex(w.get('position'))}}}, {tex(w.get('name'))}."
            if w.get("summary"):
                text += " " + tex(w["summary"])
            text += " " + " ".join(rf"\textbullet~{tex(x)}" for x in w.get("highlights") or [])
            ents.append(rf"\entry*[{tex(date_range(w, resume, 'num', '--'))}] {text}")
        out += rubric("work", ents)
    if resume.get("education"):
        out += rubric(
            "education",
            [
                rf"\entry*[{tex(date_range(e, resume, 'year', '--'))}] \textbf{{{tex(e.get('studyType'))}}}, "
                rf"{tex(e.get('area'))}, {tex(e.get('institution'))}"
                for e in resume["education"]
            ],
        )
    certs = certificates(resume)
    if certs:
        ents = []
        for c in certs:
            name, suffix = tex_cert_slots(c)
            ents.append(
                rf"\entry*[{tex(cert_dates(c, '--'))}] \textbf{{{name}}}, "
                rf"{tex(join_nonempty([c.get('issuer'), c.get('id_text')]))}{suffix}"
            )
        out += rubric("certificates", ents)
    if resume.get("awards"):
        out += rubric(
            "awards",
            [
                rf"\entry*[{tex(fmt_date(a.get('date'), 'year'))}] \textbf{{{tex(a.get('title'))}}}, "
                rf"{tex(a.get('awarder'))}. {tex(a.get('summary'))}"
                for a in resume["awards"]
            ],
        )
    if resume.get("skills"):
        out += rubric(
            "skills",
            [
                rf"\entry*[{tex(s.get('name'))}] {tex(', '.join(s.get('keywords') or []))}"
                for s in resume["skills"]
            ],
        )
    if resume.get("languages"):
        out += rubric(
            "languages",
            [rf"\entry*[{tex(lg.get('language'))}] {tex(lg.get('fluency'))}" for lg in resume["languages"]],
        )
    out += [r"\end{document}", ""]
    files["cv.tex"] = "\n".join(out)
    return files


def build_currvita(resume: Resume, engine: str) -> str:
    """currvita inside a plain article: cvlist environments; certificates print their ``line``."""
    b = resume.get("basics") or {}
    h = headings(resume)

    def cvlist(key: str, items: list[str]) -> list[str]:
        return [rf"\begin{{cvlist}}{{{tex(h.get(key, ''))}}}", *items, r"\end{cvlist}"]

    contact = [tex(b.get("label")), *contact_items(resume)]
    out = [
        r"\documentclass[a4paper,11pt]{article}",
        font_preamble(engine, "dejavu" if engine != "pdflatex" else "lm"),
        r"\usepackage[margin=2.2cm]{geometry}",
        r"\usepackage[LabelsAligned,NoDate]{currvita}",
        r"\usepackage{hyperref}",
        r"\setlength{\parindent}{0pt}",
        r"\begin{document}",
        rf"\begin{{cv}}{{{tex(b.get('name'))}}}",
        r"\begin{center}\small " + r" \textbar{} ".join(c for c in contact if c) + r"\end{center}",
    ]
    if b.get("summary"):
        out += cvlist("summary", [rf"\item {tex(b['summary'])}"])
    if resume.get("work"):
        out += cvlist(
            "work",
            [
                rf"\item[{tex(date_range(w, resume, 'iso'))}] \textbf{{{tex(w.get('position'))}}} \\ "
                rf"{tex(w.get('name'))}\\ {tex(w.get('summary'))}"
                + "".join(rf"\\ -- {tex(x)}" for x in w.get("highlights") or [])
                for w in resume["work"]
            ],
        )
    if resume.get("education"):
        out += cvlist(
            "education",
            [
                rf"\item[{tex(date_range(e, resume, 'iso'))}] "
                rf"{tex(join_nonempty([e.get('studyType'), e.get('area')]))}"
                rf" \\ \emph{{{tex(e.get('institution'))}}}"
                for e in resume["education"]
            ],
        )
    certs = certificates(resume)
    if certs:
        out += cvlist("certificates", [rf"\item {tex_cert_line(c)}" for c in certs])
    if resume.get("awards"):
        out += cvlist(
            "awards",
            [
                rf"\item[{tex(fmt_date(a.get('date'), 'iso'))}] "
                rf"{tex(a.get('title'))}, {tex(a.get('awarder'))}"
                + (rf" \\ {tex(a['summary'])}" if a.get("summary") else "")
                for a in resume["awards"]
            ],
        )
    if resume.get("skills"):
        out += cvlist(
            "skills",
            [
                rf"\item[{tex(s.get('name'))}] {tex(', '.join(s.get('keywords') or []))}"
                for s in resume["skills"]
            ],
        )
    if resume.get("languages"):
        out += cvlist(
            "languages",
            [rf"\item[{tex(lg.get('language'))}] {tex(lg.get('fluency'))}" for lg in resume["languages"]],
        )
    out += [r"\end{cv}", r"\end{document}", ""]
    return "\n".join(out)


def build_simplecv(resume: Resume, engine: str) -> str:
    """simplecv: sections with topic lists; certificates in slots (name / issuer · id · dates)."""
    b = resume.get("basics") or {}
    h = headings(resume)

    def section(key: str) -> str:
        return rf"\section*{{{tex(h[key])}}}" if key in h else ""

    contact = contact_items(resume)
    out = [
        r"\documentclass[a4paper,sf]{simplecv}",
        font_preamble(engine),
        r"\usepackage{enumitem}",
        r"\usepackage[margin=2cm]{geometry}",
        r"\usepackage{hyperref}",
        rf"\title{{{tex(b.get('name'))}}}",
        rf"\leftheader{{{tex(b.get('label'))}}}",
        r"\rightheader{" + r"\\ ".join(c for c in contact if c) + "}",
        r"\begin{document}",
        r"\maketitle",
    ]
    if b.get("summary"):
        out += [section("summary"), tex(b["summary"])]
    if resume.get("work"):
        out += [section("work"), r"\begin{topic}"]
        for w in resume["work"]:
            out.append(
                rf"\item[{tex(date_range(w, resume, 'dot', '--'))}] \textbf{{{tex(w.get('position'))}}}, "
                rf"{tex(w.get('name'))}\\ {tex(w.get('summary'))}"
                + itemize(w.get("highlights") or [], "[nosep]")
            )
        out.append(r"\end{topic}")
    if resume.get("education"):
        out += [section("education"), r"\begin{topic}"]
        for e in resume["education"]:
            out.append(
                rf"\item[{tex(date_range(e, resume, 'dot', '--'))}] "
                rf"{tex(join_nonempty([e.get('studyType'), e.get('area'), e.get('institution')]))}"
            )
        out.append(r"\end{topic}")
    certs = certificates(resume)
    if certs:
        out += [section("certificates"), r"\begin{topic}"]
        for c in certs:
            name, suffix = tex_cert_slots(c)
            out.append(
                rf"\item[{tex(cert_dates(c, ' -- '))}] \textbf{{{name}}}{suffix}\\ "
                rf"{tex(join_nonempty([c.get('issuer'), c.get('id_text')], ' · '))}"
            )
        out.append(r"\end{topic}")
    if resume.get("awards"):
        out += [section("awards"), r"\begin{topic}"]
        for a in resume["awards"]:
            out.append(
                rf"\item[{tex(fmt_date(a.get('date'), 'year'))}] {tex(a.get('title'))} "
                rf"({tex(a.get('awarder'))}). {tex(a.get('summary'))}"
            )
        out.append(r"\end{topic}")
    if resume.get("skills"):
        out += [section("skills"), r"\begin{topic}"]
        out += [
            rf"\item[{tex(s.get('name'))}] {tex(', '.join(s.get('keywords') or []))}"
            for s in resume["skills"]
        ]
        out.append(r"\end{topic}")
    if resume.get("languages"):
        out += [section("languages"), r"\begin{topic}"]
        out += [rf"\item[{tex(lg.get('language'))}] {tex(lg.get('fluency'))}" for lg in resume["languages"]]
        out.append(r"\end{topic}")
    out += [r"\end{document}", ""]
    return "\n".join(x for x in out if x)


# ---------------------------------------------------------------------------------------------
# Plain article layouts: a tabular resume and a two-minipage resume
# ---------------------------------------------------------------------------------------------


def build_article_tabular(resume: Resume, engine: str) -> str:
    """Plain article, every section a tabularx; certificates as a table of slots."""
    b = resume.get("basics") or {}
    h = headings(resume)

    def head(key: str) -> str:
        return rf"\subsection*{{{tex(h[key])}}}" if key in h else r"\medskip"

    out = [
        r"\documentclass[a4paper,10pt]{article}",
        font_preamble(engine),
        r"\usepackage[margin=1.8cm]{geometry}",
        r"\usepackage{tabularx,array,booktabs}",
        r"\usepackage[hidelinks]{hyperref}",
        r"\pagestyle{empty}\setlength{\parindent}{0pt}",
        r"\begin{document}",
        rf"{{\LARGE\bfseries {tex(b.get('name'))}}}\\[2pt] {tex(b.get('label'))}\par\medskip",
    ]
    rows = []
    if location_text(resume):
        rows.append(tex(location_text(resume)))
    if b.get("phone"):
        rows.append(tex(b["phone"]))
    if b.get("email"):
        rows.append(href("mailto:" + b["email"], tex(b["email"])))
    if b.get("url"):
        rows.append(href(b["url"], tex(b["url"])))
    for p in profiles(resume):
        rows.append(
            href(p["url"], tex(join_nonempty([p.get("network"), p.get("username")], ": ")))
            if p.get("url")
            else tex(p.get("username"))
        )
    if rows:
        out += [head("contact"), r"\begin{tabularx}{\linewidth}{@{}XX@{}}"]
        pairs = [rows[i : i + 2] for i in range(0, len(rows), 2)]
        out += [" & ".join(pr + [""] * (2 - len(pr))) + r" \\" for pr in pairs]
        out.append(r"\end{tabularx}")
    if b.get("summary"):
        out += [head("summary"), tex(b["summary"]), ""]
    if resume.get("work"):
        out += [head("work"), r"\begin{tabularx}{\linewidth}{@{}p{3.2cm}X@{}}"]
        for w in resume["work"]:
            hl = "".join(rf"\newline\textbullet~{tex(x)}" for x in w.get("highlights") or [])
            out.append(
                rf"{tex(date_range(w, resume, 'num'))} & \textbf{{{tex(w.get('position'))}}}, "
                rf"{tex(w.get('name'))}\newline {tex(w.get('summary'))}{hl} \\[4pt]"
            )
        out.append(r"\end{tabularx}")
    if resume.get("education"):
        out += [head("education"), r"\begin{tabularx}{\linewidth}{@{}p{3.2cm}X@{}}"]
        for e in resume["education"]:
            out.append(
                rf"{tex(date_range(e, resume, 'num'))} & \textbf{{{tex(e.get('studyType'))}}}, "
                rf"{tex(e.get('area'))} -- {tex(e.get('institution'))} \\"
            )
        out.append(r"\end{tabularx}")
    certs = certificates(resume)
    if certs:
        out += [
            head("certificates"),
            r"\begin{tabularx}{\linewidth}{@{}>{\raggedright}X>{\raggedright}p{3.4cm}"
            r"p{1.6cm}p{1.6cm}>{\raggedright\arraybackslash}p{3.3cm}@{}}",
            r"\toprule",
        ]
        for c in certs:
            name, suffix = tex_cert_slots(c)
            out.append(
                rf"{name}{suffix} & {tex(c.get('issuer'))} & {tex(c.get('issued_text'))} & "
                rf"{tex(c.get('expires_text'))} & {tex(c.get('id_text'))} \\"
            )
        out += [r"\bottomrule", r"\end{tabularx}"]
    if resume.get("awards"):
        out += [head("awards"), r"\begin{tabularx}{\linewidth}{@{}p{3.2cm}X@{}}"]
        for a in resume["awards"]:
            out.append(
                rf"{tex(fmt_date(a.get('date'), 'num'))} & \textbf{{{tex(a.get('title'))}}}, "
                rf"{tex(a.get('awarder'))}\newline {tex(a.get('summary'))} \\"
            )
        out.append(r"\end{tabularx}")
    if resume.get("skills"):
        out += [head("skills"), r"\begin{tabularx}{\linewidth}{@{}p{3.2cm}X@{}}"]
        out += [
            rf"{tex(s.get('name'))} & {tex(', '.join(s.get('keywords') or []))} \\" for s in resume["skills"]
        ]
        out.append(r"\end{tabularx}")
    if resume.get("languages"):
        out += [head("languages"), r"\begin{tabularx}{\linewidth}{@{}p{3.2cm}X@{}}"]
        out += [rf"{tex(lg.get('language'))} & {tex(lg.get('fluency'))} \\" for lg in resume["languages"]]
        out.append(r"\end{tabularx}")
    out += [r"\end{document}", ""]
    return "\n".join(out)


def build_article_minipage(resume: Resume, engine: str) -> str:
    """Plain article with a narrow left minipage (contact, skills, languages) and a wide right one
    (summary, work, education, certificates as ``line``, awards): a classic two-column resume."""
    b = resume.get("basics") or {}
    h = headings(resume)

    def lhead(key: str) -> str:
        return (
            rf"\par\bigskip{{\large\bfseries\color{{accent}}{tex(h[key])}}}\par\smallskip"
            if key in h
            else r"\par\bigskip"
        )

    def rhead(key: str) -> str:
        return rf"\section*{{{tex(h[key])}}}" if key in h else r"\par\bigskip"

    left = [rf"{{\huge\bfseries {tex(b.get('name'))}}}\par\medskip {tex(b.get('label'))}"]
    contact = [
        tex(location_text(resume)),
        tex(b.get("phone")),
        href("mailto:" + b["email"], r"\small " + tex(b["email"])) if b.get("email") else "",
        href(b["url"], r"\small " + tex(b["url"].split("://", 1)[-1])) if b.get("url") else "",
    ]
    contact += [
        href(p["url"], tex(join_nonempty([p.get("network"), p.get("username")], ": ")))
        for p in profiles(resume)
        if p.get("url")
    ]
    contact = [c for c in contact if c]
    if contact:
        left += [lhead("contact"), r"\par ".join(contact)]
    if resume.get("skills"):
        left.append(lhead("skills"))
        for s in resume["skills"]:
            left.append(
                rf"\textbf{{{tex(s.get('name'))}}}\par "
                rf"{tex(', '.join(s.get('keywords') or []))}\par\smallskip"
            )
    if resume.get("languages"):
        left.append(lhead("languages"))
        left += [
            rf"{tex(lg.get('language'))} -- \emph{{{tex(lg.get('fluency'))}}}\par"
            for lg in resume["languages"]
        ]
    right = []
    if b.get("summary"):
        right += [rhead("summary"), tex(b["summary"])]
    if resume.get("work"):
        right.append(rhead("work"))
        for w in resume["work"]:
            right.append(
                rf"\textbf{{{tex(w.get('position'))}}} \hfill {tex(date_range(w, resume, 'iso'))}\par"
                rf"\emph{{{tex(w.get('name'))}}}\par {tex(w.get('summary'))}"
                + itemize(w.get("highlights") or [], "[nosep,leftmargin=*]")
                + r"\par\smallskip"
            )
    if resume.get("education"):
        right.append(rhead("education"))
        for e in resume["education"]:
            right.append(
                rf"\textbf{{{tex(e.get('studyType'))}}}, {tex(e.get('area'))} \hfill "
                rf"{tex(date_range(e, resume, 'iso'))}\par\emph{{{tex(e.get('institution'))}}}\par\smallskip"
            )
    certs = certificates(resume)
    if certs:
        right += [rhead("certificates"), itemize_raw([tex_cert_line(c) for c in certs])]
    if resume.get("awards"):
        right.append(rhead("awards"))
        for a in resume["awards"]:
            right.append(
                rf"\textbf{{{tex(a.get('title'))}}} \hfill {tex(fmt_date(a.get('date'), 'iso'))}\par "
                rf"{tex(a.get('awarder'))}. {tex(a.get('summary'))}\par"
            )
    return "\n".join(
        [
            r"\documentclass[a4paper,10pt]{article}",
            font_preamble(engine, "dejavu", sans=True),
            r"\usepackage[margin=1.5cm]{geometry}",
            r"\usepackage{xcolor,enumitem,titlesec}",
            r"\definecolor{accent}{HTML}{1F5F8B}",
            r"\titleformat{\section}{\large\bfseries\color{accent}}{}{0pt}{}",
            r"\titlespacing*{\section}{0pt}{10pt}{4pt}",
            r"\usepackage[hidelinks]{hyperref}",
            r"\pagestyle{empty}\setlength{\parindent}{0pt}",
            r"\begin{document}",
            r"\noindent\begin{minipage}[t]{0.30\textwidth}\raggedright",
            *left,
            r"\end{minipage}\hfill\begin{minipage}[t]{0.65\textwidth}",
            *right,
            r"\end{minipage}",
            r"\end{document}",
            "",
        ]
    )


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------

RENDERERS: list[Renderer] = [
    latex_renderer(
        "latex-moderncv-classic",
        "moderncv",
        "pdflatex",
        build_moderncv("classic", "blue", "item", "num", True),
    ),
    latex_renderer(
        "latex-moderncv-casual", "moderncv", "xelatex", build_moderncv("casual", "green", "line", "iso", True)
    ),
    latex_renderer(
        "latex-moderncv-banking",
        "moderncv",
        "lualatex",
        build_moderncv("banking", "black", "comment", "num", False),
    ),
    latex_renderer(
        "latex-moderncv-oldstyle",
        "moderncv",
        "pdflatex",
        build_moderncv("oldstyle", "burgundy", "line", "dot", False),
    ),
    latex_renderer(
        "latex-moderncv-fancy", "moderncv", "xelatex", build_moderncv("fancy", "grey", "entry", "year", True)
    ),
    latex_renderer("latex-europasscv", "europasscv", "xelatex", build_europasscv),
    latex_renderer("latex-europecv", "europecv", "pdflatex", build_europecv),
    latex_renderer("latex-curve", "curve", "pdflatex", build_curve),
    latex_renderer("latex-currvita", "currvita", "lualatex", build_currvita),
    latex_renderer("latex-simplecv", "simplecv", "pdflatex", build_simplecv),
    latex_renderer("latex-article-tabular", "article", "lualatex", build_article_tabular),
    latex_renderer("latex-article-minipage", "article", "xelatex", build_article_minipage),
]


if __name__ == "__main__":
    raise SystemExit(smoke_main(RENDERERS, sys.argv[1:]))
