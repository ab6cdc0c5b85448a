"""JSON Resume themes from npm as corpus renderers (family ``jsonresume``).

Each third-party theme (``jsonresume-theme-<name>``, pinned in ``jsonresume/package.json``) is one
Renderer. A batch costs one node process (every HTML), one Chromium (every PDF, A4 and Letter), one
``soffice`` call (every LibreOffice DOCX) and one pandoc call per file, because starting those tools
is what is slow. ``jsonresume/themes.json`` records, per theme, what its HTML actually shows for
corpus/examples/example-en.json (``survey``); the content generator reads ``renders_certificates``
from ``THEMES`` to route credentials into awards for themes that drop certificates.

Install the themes with ``install()`` (``npm ci`` in the support folder; node_modules is not in git).
Smoke test: ``python -m corpus.renderers.jsonresume corpus/examples/example-en.json /tmp/jr``.
Rewrite themes.json:
``python -m corpus.renderers.jsonresume --survey corpus/examples/example-en.json /tmp/x``.
"""

from __future__ import annotations

import contextlib
import copy
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from corpus.renderers.base import Job, Output, Renderer, Resume, path_for
from corpus.vocab import MONTHS, MONTHS_ABBR

SUPPORT_DIR = Path(__file__).with_name("jsonresume")
THEMES_JSON = SUPPORT_DIR / "themes.json"
RENDER_SCRIPT = SUPPORT_DIR / "render.cjs"
TODAY = "2026-02-19"
"""The day render.cjs pins the themes' clock to (a few print "now" for an undated certificate)."""
PREFIX = "jsonresume-theme-"
FAMILY = "jsonresume"
VARIANTS: tuple[str, ...] = ("html", "pdf-a4", "pdf-letter", "docx-pandoc", "docx-lo")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PAGE_TIMEOUT_MS = 30_000
"""Per-job ceiling for loading and printing one page: a theme must never hang the corpus build."""
PANDOC_TIMEOUT_S = 60


def install() -> None:
    """Install the pinned themes (``npm ci``): node_modules is rebuilt from package-lock.json, never
    committed. ``.npmrc`` there sets ignore-scripts so no theme can download a browser at install."""
    subprocess.run(["npm", "ci"], cwd=SUPPORT_DIR, check=True)


def _load_themes() -> dict[str, dict[str, Any]]:
    """themes.json keyed by short name; empty when missing so importing never fails."""
    if not THEMES_JSON.exists():
        return {}
    data = json.loads(THEMES_JSON.read_text(encoding="utf-8"))
    return {t["short"]: t for t in data["themes"]}


THEMES: dict[str, dict[str, Any]] = _load_themes()
"""Short theme name -> facts measured on the example resume (npm, version, license,
renders_certificates, certificate_fields, renders_awards, renders_summary, date formats...)."""


# ---------------------------------------------------------------- preparing the resume for a theme


def _prune(value: Any) -> Any:
    """Drop empty strings, lists and objects. JSON Resume means "absent" by omission; several
    themes crash on ``publications: []`` (they read ``[0].name``) or reject ``endDate: ""``."""
    if isinstance(value, dict):
        out = {k: _prune(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in ("", None, [], {})}
    if isinstance(value, list):
        out_list = [_prune(v) for v in value]
        return [v for v in out_list if v not in ("", None, [], {})]
    return value


def _prep_material(resume: Resume) -> None:
    """material writes ``meta.palette.primary`` whenever ``meta`` exists without a palette."""
    meta = resume.get("meta")
    if isinstance(meta, dict) and not isinstance(meta.get("palette"), dict):
        meta["palette"] = {}


_RELAXED_LEVELS = {"beginner", "entry", "intermediate", "junior", "advanced", "mid", "master", "senior"}
_RELAXED_MAP = {"expert": "master", "native": "master", "basic": "beginner", "novice": "beginner"}


def _prep_relaxed(resume: Resume) -> None:
    """relaxed throws on a skill level outside its vocabulary; it shows the level only as a
    progress bar (no text), so mapping e.g. "Expert" to "master" changes no visible text."""
    for skill in resume.get("skills", []):
        level = skill.get("level")
        if level is None:
            continue
        low = str(level).strip().lower()
        if low not in _RELAXED_LEVELS:
            skill["level"] = _RELAXED_MAP.get(low, "intermediate")


def _prep_legacy(resume: Resume) -> None:
    """Themes written for the 0.x schema read ``work[].company`` / ``website`` (renamed ``name`` /
    ``url`` in 1.0) and silently drop the employer otherwise. Adding the old names as aliases of the
    same values adds no new text; it only lets these themes show what the document holds."""
    for entry in resume.get("work", []):
        if "name" in entry:
            entry.setdefault("company", entry["name"])
        if "url" in entry:
            entry.setdefault("website", entry["url"])
    basics = resume.get("basics", {})
    if "url" in basics:
        basics.setdefault("website", basics["url"])


_LEGACY_WORK = {
    "boilerplate",
    "caffeine",
    "class",
    "classy",
    "cora",
    "crisp",
    "direct",
    "eloquent",
    "kwan",
    "material",
    "modern",
    "moon",
    "onepage",
    "paper",
    "paper-plus-plus",
    "pumpkin",
    "sceptile",
    "short",
    "slick",
    "spartan",
    "srt",
    "standard-resume",
    "tachyons-clean",
}
"""Themes that showed no employer for example-en.json until given the 0.x ``company`` alias."""

_EXTRA_NOTES = {"lucide": "French UI: prints French headings and month names whatever the resume language"}

_PREPARE: dict[str, Callable[[Resume], None]] = {"material": _prep_material, "relaxed": _prep_relaxed}


def prepare(resume: Resume, short: str) -> Resume:
    """The document a theme gets: the JSON Resume as is, minus ``x-credbridge``, minus empty values,
    plus the theme's own crash workaround if it has one."""
    doc = copy.deepcopy(resume)
    doc.pop("x-credbridge", None)
    doc = _prune(doc)
    if short in _LEGACY_WORK:
        _prep_legacy(doc)
    fix = _PREPARE.get(short)
    if fix:
        fix(doc)
    return doc


# ---------------------------------------------------------------- the tools


def render_html(npm_name: str, short: str, jobs: Sequence[Job]) -> dict[int, str | None]:
    """One node process renders every job with one theme. Returns job index -> error (None = ok)."""
    payload = []
    for job in jobs:
        job.outdir.mkdir(parents=True, exist_ok=True)
        payload.append({"resume": prepare(job.resume, short), "out": str(path_for(job, "html").resolve())})
    index = {p["out"]: i for i, p in enumerate(payload)}
    result: dict[int, str | None] = {i: "node produced no result" for i in range(len(jobs))}
    try:
        proc = subprocess.run(
            ["node", str(RENDER_SCRIPT), npm_name],
            input=json.dumps(payload, ensure_ascii=False),
            capture_output=True,
            text=True,
            cwd=SUPPORT_DIR,
            env={**os.environ, "JR_TODAY": TODAY},
            timeout=60 + 30 * len(jobs),
        )
        stdout, stderr = proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        stdout = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        stderr = "node timed out"
    for line in stdout.splitlines():
        if not line.startswith("@@credbridge-result@@ "):
            continue
        rec = json.loads(line.split(" ", 1)[1])
        if rec["out"] in index:
            result[index[rec["out"]]] = None if rec["ok"] else rec["error"]
    for i, err in result.items():
        if err == "node produced no result":
            result[i] = f"node produced no result: {stderr[-1500:]}"
    return result


def _route(route: Any) -> None:
    """Let local files and data: through, refuse everything else at once (no network, never wait on
    fonts). ``//host/x`` in a file page resolves to ``file://host/x``: refused too."""
    if route.request.url.startswith(("file:///", "data:")):
        route.continue_()
    else:
        route.abort()


def render_pdfs(jobs: Sequence[tuple[Job, Path]]) -> dict[int, str | None]:
    """One Chromium prints every HTML file to A4 and Letter. Returns job index -> error."""
    from playwright.sync_api import sync_playwright

    errors: dict[int, str | None] = {}
    if not jobs:
        return errors
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(offline=False, java_script_enabled=True)
            context.route("**/*", _route)
            context.set_default_timeout(PAGE_TIMEOUT_MS)
            page = None
            for i, (job, html_path) in enumerate(jobs):
                try:
                    if page is None:  # one tab for the batch: a new tab costs more than a print
                        page = context.new_page()
                        page.emulate_media(media="print")
                    page.goto(html_path.resolve().as_uri(), wait_until="load", timeout=PAGE_TIMEOUT_MS)
                    for variant, fmt in (("pdf-a4", "A4"), ("pdf-letter", "Letter")):
                        page.pdf(path=str(path_for(job, variant)), format=fmt, print_background=True)
                    errors[i] = None
                except Exception as exc:  # one bad page must not stop the batch
                    errors[i] = f"pdf: {type(exc).__name__}: {exc}"[:1500]
                    if page is not None:
                        with contextlib.suppress(Exception):  # a crashed tab may not close cleanly
                            page.close()
                        page = None
        finally:
            browser.close()
    return errors


_REMOTE_RESOURCE = re.compile(
    r"""(?P<pre><(?:img|link|script|source|iframe|embed|video|audio)\b[^>]*?\b(?:src|href|srcset)\s*=\s*)"""
    r"""(?P<q>["']?)(?:https?:|//|&#x2F;&#x2F;|&#47;&#47;)[^"'\s>]*(?P=q)""",
    re.IGNORECASE,
)
BLOCKED = "credbridge-offline-blocked"


def offline_html(text: str) -> str:
    """The same HTML with remote images, stylesheets and scripts pointed at a missing local file, so
    pandoc and LibreOffice (which have no offline switch; pandoc 2.17's --sandbox breaks DOCX) fail
    at once instead of reaching for the network. Pandoc then shows the image's alt text, exactly as
    when a fetch fails. Hyperlinks (<a href>) are untouched."""
    return _REMOTE_RESOURCE.sub(lambda m: f"{m['pre']}{m['q']}{BLOCKED}{m['q']}", text)


def _pandoc_one(job: Job, html_path: Path) -> str | None:
    """pandoc HTML->DOCX from an offline copy of the HTML (see ``offline_html``)."""
    out = path_for(job, "docx-pandoc")
    try:
        with tempfile.TemporaryDirectory(prefix="jr-pandoc-") as tmp:
            src = Path(tmp, "in.html")
            src.write_text(offline_html(html_path.read_text(encoding="utf-8", errors="replace")), "utf-8")
            proc = subprocess.run(
                ["pandoc", "-f", "html", "-t", "docx", "-o", str(out.resolve()), str(src)],
                capture_output=True,
                text=True,
                timeout=PANDOC_TIMEOUT_S,
                cwd=tmp,
            )
    except subprocess.TimeoutExpired:
        return "pandoc: timed out"
    if proc.returncode != 0 or not out.exists():
        return f"pandoc: exit {proc.returncode}: {proc.stderr[-800:]}"
    return None


def render_pandoc(jobs: Sequence[tuple[Job, Path]]) -> dict[int, str | None]:
    """pandoc per file (cheap to start), two at a time for the two cores."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda jp: _pandoc_one(*jp), jobs))
    return dict(enumerate(results))


def render_lo(jobs: Sequence[tuple[Job, Path]]) -> dict[int, str | None]:
    """ONE soffice call converts every HTML of the batch (copied to numbered names in a temp folder,
    since jobs may go to different folders) with a private profile so parallel batches don't clash."""
    errors: dict[int, str | None] = {}
    if not jobs:
        return errors
    with tempfile.TemporaryDirectory(prefix="jr-lo-") as tmp:
        src, dst = Path(tmp, "in"), Path(tmp, "out")
        src.mkdir()
        dst.mkdir()
        inputs = []
        for i, (_job, html_path) in enumerate(jobs):
            target = src / f"j{i:05d}.html"
            target.write_text(offline_html(html_path.read_text(encoding="utf-8", errors="replace")), "utf-8")
            inputs.append(str(target))
        profile = Path(tmp, f"lo-profile-{os.getpid()}")
        cmd = [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--infilter=HTML (StarWriter)",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(dst),
            *inputs,
        ]
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 20 * len(jobs))
            log = (proc.stdout + proc.stderr)[-800:]
        except subprocess.TimeoutExpired:
            log = "soffice timed out"
        for i, (job, _html_path) in enumerate(jobs):
            produced = dst / f"j{i:05d}.docx"
            if produced.exists() and produced.stat().st_size > 0:
                shutil.move(str(produced), path_for(job, "docx-lo"))
                errors[i] = None
            else:
                errors[i] = f"soffice: no output: {log}"
    return errors


def render_theme_batch(npm_name: str, short: str, jobs: Sequence[Job]) -> list[Output]:
    """All variants for one theme: HTML first, then the converters run on the HTML that rendered."""
    outputs = [Output(job=job) for job in jobs]
    problems: list[list[str]] = [[] for _ in jobs]
    html_errors = render_html(npm_name, short, jobs)
    ok: list[int] = []
    for i, job in enumerate(jobs):
        if html_errors[i] is None:
            outputs[i].files["html"] = path_for(job, "html")
            ok.append(i)
        else:
            problems[i].append(f"html: {html_errors[i]}")
    pairs = [(jobs[i], path_for(jobs[i], "html")) for i in ok]
    steps: list[tuple[Callable[[Sequence[tuple[Job, Path]]], dict[int, str | None]], tuple[str, ...]]] = [
        (render_pdfs, ("pdf-a4", "pdf-letter")),
        (render_pandoc, ("docx-pandoc",)),
        (render_lo, ("docx-lo",)),
    ]

    def run(step: Callable[[Sequence[tuple[Job, Path]]], dict[int, str | None]]) -> dict[int, str | None]:
        try:
            return step(pairs)
        except Exception as exc:  # a tool that fails to start fails its variants only
            return {k: f"{step.__name__}: {type(exc).__name__}: {exc}" for k in range(len(pairs))}

    # The DOCX converters are separate processes: run them while Chromium prints (two cores).
    with ThreadPoolExecutor(max_workers=1) as pool:
        docx_future = pool.submit(lambda: [run(render_pandoc), run(render_lo)])
        results = [run(render_pdfs), *docx_future.result()]
    for (step, variants), errs in zip(steps, results, strict=True):
        for k, i in enumerate(ok):
            err = errs.get(k, f"{step.__name__}: no result")
            if err is None:
                for v in variants:
                    outputs[i].files[v] = path_for(jobs[i], v)
            else:
                problems[i].append(err)
    for i, out in enumerate(outputs):
        if problems[i]:
            out.error = "; ".join(problems[i])
    return outputs


def _make(npm_name: str, version: str, short: str, notes: str = "") -> Renderer:
    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        return render_theme_batch(npm_name, short, jobs)

    return Renderer(
        id=f"jsonresume-{short}",
        family=FAMILY,
        variants=VARIANTS,
        render_batch=render_batch,
        tool=f"{npm_name}@{version}",
        notes=notes,
        today=TODAY,
    )


RENDERERS: list[Renderer] = [
    _make(t["npm"], t["version"], short, t.get("notes", "")) for short, t in sorted(THEMES.items())
]


# ---------------------------------------------------------------- survey: what each theme shows


class _Text(HTMLParser):
    """Visible-ish text of an HTML page (script/style/head dropped) plus every link target."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hrefs: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head", "template", "noscript"):
            self._skip += 1
        if tag == "a":
            self.hrefs.extend(v or "" for k, v in attrs if k == "href")
        if tag in ("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "section", "td", "span"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head", "template", "noscript") and self._skip:
            self._skip -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        return re.sub(r"\s+", " ", html.unescape("".join(self.parts))).strip()




def _date_patterns(iso: str) -> list[tuple[str, str]]:
    """Ways a theme may print an ISO date, most specific first: (format label, regex)."""
    y, m, d = (int(p) for p in iso.split("-"))
    full, abbr = MONTHS["en"][m - 1], MONTHS["en"][m - 1][:3]
    fr_full, fr_abbr = re.escape(MONTHS["fr"][m - 1]), re.escape(MONTHS_ABBR["fr"][m - 1])
    return [
        ("Month YYYY (French)", rf"(?<!\w){fr_full} {y}\b"),
        ("Mon YYYY (French)", rf"(?<!\w){fr_abbr} {y}\b"),
        ("YYYY-MM-DD", rf"\b{y}-{m:02d}-{d:02d}\b"),
        ("Month D, YYYY", rf"\b{full} {d}(st|nd|rd|th)?,? {y}\b"),
        ("Mon D, YYYY", rf"\b{abbr}\.? {d}(st|nd|rd|th)?,? {y}\b"),
        ("D Month YYYY", rf"\b{d}(st|nd|rd|th)? {full},? {y}\b"),
        ("D Mon YYYY", rf"\b{d}(st|nd|rd|th)? {abbr}\.?,? {y}\b"),
        ("MM/DD/YYYY", rf"\b0?{m}/0?{d}/{y}\b"),
        ("DD.MM.YYYY", rf"\b0?{d}\.0?{m}\.{y}\b"),
        ("Month YYYY", rf"\b{full},? {y}\b"),
        ("Mon YYYY", rf"\b{abbr}\.?,? {y}\b"),
        ("YYYY-MM", rf"\b{y}-{m:02d}\b"),
        ("MM/YYYY", rf"\b0?{m}/{y}\b"),
        ("YYYY.MM", rf"\b{y}\.{m:02d}\b"),
        ("YYYY-Mon", rf"\b{y}-{abbr}\b"),
        ("MM.YYYY", rf"\b{m:02d}\.{y}\b"),
        ("YYYY", rf"\b{y}\b"),
    ]


def _date_format(text: str, iso: str) -> str | None:
    for label, pattern in _date_patterns(iso):
        if re.search(pattern, text, flags=re.IGNORECASE):
            return label
    return None


def _pdf_text(pdf: Path) -> str:
    try:
        proc = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return re.sub(r"\s+", " ", proc.stdout)


def survey_one(resume: Resume, html_path: Path, pdf_path: Path | None) -> dict[str, Any]:
    """What the rendered example shows, measured on its HTML text (and its PDF text as a check)."""
    parser = _Text()
    parser.feed(html_path.read_text(encoding="utf-8", errors="replace"))
    text = parser.text()
    pdf = _pdf_text(pdf_path) if pdf_path and pdf_path.exists() else ""
    certs = resume.get("certificates", [])
    names = [c["name"] for c in certs]
    issuers = [c["issuer"] for c in certs if c.get("issuer")]
    urls = [c["url"] for c in certs if c.get("url")]
    cert_dates = [c["date"] for c in certs if c.get("date")]
    shown_names = [n for n in names if n in text]
    renders_certs = len(shown_names) == len(names) and bool(names)
    # A certificate date can only be attributed when the year is not also a work/award year; the
    # example's certificate years 2021 (also award) / 2023 / 2016 (also education end): use 2023.
    cert_fmt = None
    if renders_certs:
        for iso in cert_dates:
            if iso.startswith("2023"):
                cert_fmt = _date_format(text, iso)
    work = resume.get("work", [{}])[0]
    award = resume.get("awards", [{}])[0]
    summary = resume.get("basics", {}).get("summary", "")
    edu = resume.get("education", [{}])[0]
    return {
        "renders_certificates": renders_certs,
        "certificates_shown": f"{len(shown_names)}/{len(names)}",
        "certificate_fields": {
            "name": renders_certs,
            "issuer": renders_certs and all(i in text for i in issuers),
            "date": cert_fmt is not None,
            "url_link": renders_certs and all(u in parser.hrefs for u in urls),
            "url_text": renders_certs and all(u in text for u in urls),
        },
        "certificate_date_format": cert_fmt,
        "certificates_in_pdf": bool(pdf) and all(re.sub(r"\s+", " ", n) in pdf for n in names),
        "renders_awards": bool(award.get("title")) and award["title"] in text,
        "award_awarder": bool(award.get("awarder")) and award["awarder"] in text,
        "renders_summary": bool(summary) and summary in text,
        "renders_work": bool(work.get("name")) and work["name"] in text,
        "renders_education": bool(edu.get("institution")) and edu["institution"] in text,
        "renders_skills": all(s["name"] in text for s in resume.get("skills", [])),
        "renders_languages": all(x["language"] in text for x in resume.get("languages", [])),
        "work_date_format": _date_format(text, work["startDate"]) if work.get("startDate") else None,
        "award_date_format": (
            _date_format(text, award["date"])
            if award.get("date") and award.get("title", "\0") in text
            else None
        ),
    }


def _installed_themes() -> list[tuple[str, str, str]]:
    """(npm name, exact version, licence) of every theme in package.json, read from node_modules."""
    deps = json.loads((SUPPORT_DIR / "package.json").read_text(encoding="utf-8"))["dependencies"]
    out = []
    for name, version in sorted(deps.items()):
        if not name.startswith(PREFIX):
            continue
        meta_path = SUPPORT_DIR / "node_modules" / name / "package.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        lic = meta.get("license", "")
        if isinstance(lic, dict):
            lic = lic.get("type", "")
        out.append((name, meta.get("version", version), lic or "UNKNOWN"))
    return out


def survey(example: Path, outdir: Path) -> dict[str, Any]:
    """Render the example with every installed theme, measure what shows, write themes.json with
    the themes that render (a theme that fails on the example is left out and reported)."""
    resume = json.loads(example.read_text(encoding="utf-8"))
    shipped: list[dict[str, Any]] = []
    failed: dict[str, str] = {}
    for npm_name, version, lic in _installed_themes():
        short = npm_name.removeprefix(PREFIX)
        job = Job(resume=resume, stem=f"example--{short}", outdir=outdir)
        errs = render_html(npm_name, short, [job])
        if errs[0] is not None:
            failed[npm_name] = errs[0][:300]
            continue
        pdf_err = render_pdfs([(job, path_for(job, "html"))])
        if pdf_err[0] is not None:
            failed[npm_name] = pdf_err[0][:300]
            continue
        facts = survey_one(resume, path_for(job, "html"), path_for(job, "pdf-a4"))
        entry = {"short": short, "npm": npm_name, "version": version, "license": lic, **facts}
        notes = [
            n
            for cond, n in (
                (short in _LEGACY_WORK, "gets 0.x aliases work.company/website"),
                (short in _PREPARE, f"workaround: {_PREPARE.get(short, prepare).__doc__}"),
                (short in _EXTRA_NOTES, _EXTRA_NOTES.get(short, "")),
            )
            if cond
        ]
        if notes:
            entry["notes"] = "; ".join(" ".join(n.split()) for n in notes)
        shipped.append(entry)
    data = {
        "about": "Measured by corpus.renderers.jsonresume.survey on corpus/examples/example-en.json.",
        "themes": shipped,
        "failed": failed,
    }
    THEMES_JSON.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return data


# ---------------------------------------------------------------- smoke test


def main(argv: list[str]) -> int:
    """Smoke test: render the resume with every theme; print theme -> ok/error, sizes, seconds."""
    if argv and argv[0] == "--survey":
        data = survey(Path(argv[1]), Path(argv[2]))
        for t in data["themes"]:
            print(
                f"{t['short']:18} certs={t['renders_certificates']!s:5} awards={t['renders_awards']!s:5}"
                f" work={t['renders_work']!s:5} work_date={t['work_date_format']}"
                f" cert_date={t['certificate_date_format']}"
            )
        for name, err in data["failed"].items():
            print(f"FAILED {name}: {err.splitlines()[0] if err else ''}")
        return 0
    if len(argv) != 2:
        print(__doc__)
        return 2
    resume = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    outdir = Path(argv[1])
    outdir.mkdir(parents=True, exist_ok=True)
    stem = Path(argv[0]).stem
    failures = 0
    print(f"{'renderer':32} {'status':6} {'sec':>5}  " + "  ".join(f"{v:>11}" for v in VARIANTS))
    for r in RENDERERS:
        start = time.monotonic()
        [out] = r.render_batch([Job(resume=resume, stem=f"{stem}--{r.id}", outdir=outdir)])
        secs = time.monotonic() - start
        sizes = "  ".join(
            f"{out.files[v].stat().st_size:>11,}"
            if out.files.get(v, Path("/nonexistent")).exists()
            else f"{'-':>11}"
            for v in VARIANTS
        )
        status = "ok" if out.error is None else "ERROR"
        failures += out.error is not None
        print(f"{r.id:32} {status:6} {secs:5.1f}  {sizes}")
        if out.error:
            print(f"    {out.error[:400]}")
    print(f"{len(RENDERERS) - failures} ok, {failures} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
