"""Office-suite renderers: DOCX files made the ways real resumes are made, each printed to PDF by LibreOffice.

Real candidates send Word files written by Word, by LibreOffice, by templates and by converters, and
their structure differs far more than their look: heading styles or bold runs, tables, floating text
boxes, multi-column sections, frames. The parser has to cope with all of them, so this family makes
DOCX files in three independent ways:

* python-docx documents built element by element (``docx-*``), including hand-written DrawingML
  text boxes that python-docx has no API for;
* LibreOffice Writer filling our own flat-ODT templates (``odt-*``) and saving them as DOCX;
* pandoc converting Markdown with two restyled reference documents (``pandoc-ref-*``).

Every renderer gives the variants ``docx`` and ``pdf-lo`` (the DOCX printed by LibreOffice). soffice
is the expensive part, so each batch starts it once per conversion step, each call with a profile
of its own so that parallel batches never share (and lock) one.
"""

from __future__ import annotations

import atexit
import copy
import importlib.metadata
import io
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Inches, Mm, Pt, RGBColor
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from corpus.renderers.base import Job, Output, Renderer, Resume, path_for

FAMILY = "office"
VARIANTS = ("docx", "pdf-lo")
TEMPLATES = Path(__file__).with_suffix("")
"""corpus/renderers/office/: the flat-ODT templates."""
FIXED_TIME = datetime(2024, 1, 1, tzinfo=UTC)
"""Core-property dates: the files must depend on the content only, not on when they were built."""
ZIP_TIME = (2024, 1, 1, 0, 0, 0)
PER_JOB_TIMEOUT = 60.0
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
PANDOC = shutil.which("pandoc") or "/usr/bin/pandoc"

TIMINGS: list[tuple[str, int, float]] = []
"""(what, number of files, seconds) per external call, for the smoke test's speed report."""

Seg = tuple[str, str | None]
"""A piece of text and the URL it links to (None: plain text)."""

# --------------------------------------------------------------------------------------------------
# Content: what every renderer prints, independent of the file format
# --------------------------------------------------------------------------------------------------

PRESENT = {
    "en": "Present",
    "de": "heute",
    "fr": "aujourd’hui",
    "es": "actualidad",
    "pt": "atual",
    "it": "oggi",
    "nl": "heden",
}
COUNTRY = {"en": "US", "de": "DE", "fr": "FR", "es": "ES", "pt": "PT", "it": "IT", "nl": "NL"}
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(value: Any) -> str:
    """Text of a field, without the control characters XML cannot hold (None and missing: "")."""
    if value is None:
        return ""
    return _CONTROL.sub("", str(value)).strip()


def lang_of(resume: Resume) -> str:
    """The resume's language code (en, de, ...), which picks the "present" word and document language."""
    return clean(resume.get("x-credbridge", {}).get("lang")) or "en"


def headings(resume: Resume) -> dict[str, str]:
    """Localized section headings; a key that is missing means the section has no heading."""
    raw = resume.get("x-credbridge", {}).get("headings") or {}
    return {k: clean(v) for k, v in raw.items() if clean(v)}


def certificates(resume: Resume) -> list[dict[str, Any]]:
    """Credentials for the certificates section (the others are mentioned elsewhere already)."""
    return [
        c for c in resume.get("x-credbridge", {}).get("credentials") or [] if c.get("where") == "certificates"
    ]


def fmt_date(value: Any, style: str) -> str:
    """An ISO date (YYYY, YYYY-MM or YYYY-MM-DD) in the template's own numeric style."""
    text = clean(value)
    m = re.match(r"^(\d{4})(?:-(\d{1,2}))?", text)
    if not m:
        return text
    year, month = m.group(1), m.group(2)
    if style == "yyyy" or not month:
        return year
    month = month.zfill(2)
    return {"mm/yyyy": f"{month}/{year}", "yyyy-mm": f"{year}-{month}", "mm.yyyy": f"{month}.{year}"}[style]


def date_range(item: dict[str, Any], lang: str, style: str) -> str:
    """Start – end of a work or education entry; an empty end date of a started entry is "present"."""
    start, end = fmt_date(item.get("startDate"), style), fmt_date(item.get("endDate"), style)
    if start and not end:
        end = PRESENT.get(lang, PRESENT["en"])
    if start and end and start != end:
        return f"{start} – {end}"
    return start or end


def location_text(basics: dict[str, Any]) -> str:
    """City, region, country code: the parts that exist, in that order."""
    loc = basics.get("location") or {}
    return ", ".join(p for p in (clean(loc.get(k)) for k in ("city", "region", "countryCode")) if p)


def contact_segs(basics: dict[str, Any], *, profile_urls: bool = False) -> list[Seg]:
    """Email, phone, location, website and profiles, each a separate piece (linked where linkable)."""
    segs: list[Seg] = []
    email = clean(basics.get("email"))
    if email:
        segs.append((email, f"mailto:{email}"))
    for key in ("phone",):
        if clean(basics.get(key)):
            segs.append((clean(basics.get(key)), None))
    if location_text(basics):
        segs.append((location_text(basics), None))
    url = clean(basics.get("url"))
    if url:
        segs.append((url, url))
    for prof in basics.get("profiles") or []:
        network, user, purl = clean(prof.get("network")), clean(prof.get("username")), clean(prof.get("url"))
        if profile_urls and purl:
            segs.append((purl, purl))
        elif network or user:
            text = f"{network}: {user}" if network and user else (network or user)
            segs.append((text, purl or None))
        elif purl:
            segs.append((purl, purl))
    return segs


def skill_text(skill: dict[str, Any]) -> tuple[str, str]:
    """(name, keywords joined by commas) of one skill group."""
    return clean(skill.get("name")), ", ".join(clean(k) for k in skill.get("keywords") or [] if clean(k))


def language_text(item: dict[str, Any]) -> tuple[str, str]:
    """(language, fluency)."""
    return clean(item.get("language")), clean(item.get("fluency"))


def cred_line_segs(cred: dict[str, Any]) -> list[Seg]:
    """A credential as its ``line`` verbatim; the name inside it is the link when there is no label."""
    line, name, url = clean(cred.get("line")), clean(cred.get("name")), clean(cred.get("url")) or None
    segs: list[Seg]
    if url and not clean(cred.get("link_label")):
        if name and name in line:
            pre, _, post = line.partition(name)
            segs = [(pre, None), (name, url), (post, None)]
        else:
            segs = [(line, url)]
    else:
        segs = [(line, None)]
    return [s for s in segs if s[0]] + cred_link_tail(cred)


def cred_name_seg(cred: dict[str, Any]) -> Seg:
    """The name slot, linked when the credential has a URL and no separate link label."""
    url = clean(cred.get("url")) or None
    return (clean(cred.get("name")), None if clean(cred.get("link_label")) else url)


def cred_link_tail(cred: dict[str, Any]) -> list[Seg]:
    """What follows a credential: its link label (linked) and, when printed, the URL itself."""
    url, label = clean(cred.get("url")), clean(cred.get("link_label"))
    tail: list[Seg] = []
    if url and label:
        tail += [(" ", None), (label, url)]
    if url and cred.get("url_printed"):
        tail += [(" ", None), (url, url)]
    return tail


# --------------------------------------------------------------------------------------------------
# External tools: soffice batches and pandoc, each bounded by a timeout
# --------------------------------------------------------------------------------------------------

_PROFILE_COUNTER = itertools.count(1)


def _run(cmd: list[str], timeout: float, **kw: Any) -> tuple[int | None, str]:
    """Run a command in its own process group; on timeout kill the whole group (soffice forks)."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, **kw)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        return None, f"timed out after {timeout:.0f}s"
    text = (err or b"").decode("utf-8", "replace") + (out or b"").decode("utf-8", "replace")
    return proc.returncode, text


def _soffice(inputs: list[Path], target: str, outdir: Path, timeout: float) -> str:
    """One soffice process converting all ``inputs`` into ``outdir``; returns its output for errors."""
    profile = Path(f"/tmp/lo-profile-{os.getpid()}-{next(_PROFILE_COUNTER)}")
    cmd = [
        SOFFICE,
        f"-env:UserInstallation=file://{profile}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--convert-to",
        target,
        "--outdir",
        str(outdir),
        *map(str, inputs),
    ]
    env = {**os.environ, "SAL_USE_VCLPLUGIN": "svp"}
    t0 = time.monotonic()
    try:
        code, text = _run(cmd, timeout, env=env)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    TIMINGS.append((f"soffice --convert-to {target.split(':')[0]}", len(inputs), time.monotonic() - t0))
    return text if code is not None else f"soffice {text}"


def lo_convert(sources: dict[int, Path], target: str, ext: str, work: Path) -> dict[int, Path | str]:
    """Convert many files with ONE soffice call; files it missed are retried alone (a bad file must
    not cost the batch). Returns index -> converted file, or the error text."""
    indir, outdir = work / f"in-{ext}", work / f"out-{ext}"
    indir.mkdir(parents=True, exist_ok=True)
    outdir.mkdir(parents=True, exist_ok=True)
    names: dict[int, Path] = {}
    for i, src in sources.items():
        names[i] = indir / f"j{i:05d}{src.suffix}"
        if src != names[i]:
            shutil.copyfile(src, names[i])
    if not names:
        return {}
    log = _soffice(list(names.values()), target, outdir, 30 + 10 * len(names))

    def result(i: int) -> Path | None:
        out = outdir / f"{names[i].stem}.{ext}"
        return out if out.exists() and out.stat().st_size > 0 else None

    results: dict[int, Path | str] = {}
    for i in names:
        got = result(i)
        if got is None and len(names) > 1:
            log = _soffice([names[i]], target, outdir, PER_JOB_TIMEOUT)
            got = result(i)
        results[i] = got if got is not None else f"soffice made no {ext}: {log.strip()[-300:]}"
    return results


@cache
def lo_version() -> str:
    """LibreOffice's version from the Debian package (cheap: no soffice start)."""
    try:
        out = subprocess.run(
            ["dpkg-query", "-W", "-f", "${Version}", "libreoffice-writer-nogui"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout
        return re.sub(r"^\d+:", "", out).split("-")[0] or "unknown"
    except (OSError, subprocess.SubprocessError):
        return "unknown"


@cache
def pandoc_version() -> str:
    """pandoc's version (first line of ``pandoc --version``)."""
    try:
        out = subprocess.run([PANDOC, "--version"], capture_output=True, text=True, timeout=20).stdout
        return out.split()[1]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def docx_version() -> str:
    """python-docx's installed version."""
    try:
        return importlib.metadata.version("python-docx")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def print_pdfs(jobs: Sequence[Job], outputs: list[Output], docx_files: dict[int, Path]) -> None:
    """The ``pdf-lo`` variant: all DOCX files of the batch printed by one soffice call."""
    with tempfile.TemporaryDirectory(prefix="credbridge-lo-") as tmp:
        results = lo_convert(docx_files, "pdf:writer_pdf_Export", "pdf", Path(tmp))
        for i, res in results.items():
            if isinstance(res, Path):
                dest = path_for(jobs[i], "pdf-lo")
                shutil.move(res, dest)
                outputs[i].files["pdf-lo"] = dest
            else:
                outputs[i].error = res


# --------------------------------------------------------------------------------------------------
# python-docx helpers
# --------------------------------------------------------------------------------------------------


def new_document(
    resume: Resume,
    *,
    font: str,
    size: float,
    page: str = "letter",
    margins: tuple[float, float, float, float] = (0.8, 0.9, 0.8, 0.9),
) -> DocxDocument:
    """A blank document with fixed core properties, the resume's language and a base font."""
    doc = Document()
    name = clean(resume.get("basics", {}).get("name"))
    lang = lang_of(resume)
    props = doc.core_properties
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.author = props.last_modified_by = name
    props.title = name
    props.subject = clean(resume.get("basics", {}).get("label"))
    props.revision = 1
    props.language = f"{lang}-{COUNTRY.get(lang, 'US')}"
    props.comments = ""
    normal = doc.styles["Normal"]
    set_font(normal.element, font)
    normal.font.size = Pt(size)
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr_default, font, is_rpr=True)
    lang_el = rpr_default.find(qn("w:lang"))
    if lang_el is None:
        lang_el = OxmlElement("w:lang")
        rpr_default.append(lang_el)
    lang_el.set(qn("w:val"), props.language)
    sec = doc.sections[0]
    if page == "a4":
        sec.page_width, sec.page_height = Mm(210), Mm(297)
    else:
        sec.page_width, sec.page_height = Inches(8.5), Inches(11)
    sec.top_margin, sec.right_margin, sec.bottom_margin, sec.left_margin = (Inches(m) for m in margins)
    return doc


_RPR_ORDER = ("w:rStyle", "w:rFonts")


def set_font(element: Any, font: str, *, is_rpr: bool = False) -> None:
    """Set an explicit font on a style (or rPr) and drop theme fonts, which would otherwise win."""
    rpr = element if is_rpr else element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        style_el = rpr.find(qn("w:rStyle"))
        if style_el is not None:
            style_el.addnext(fonts)
        else:
            rpr.insert(0, fonts)
    for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attr}"), None)
    for attr in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attr}"), font)


def save_docx(doc: DocxDocument, path: Path) -> None:
    """Save with fixed zip timestamps so equal content gives equal bytes."""
    buf = io.BytesIO()
    doc.save(buf)
    write_fixed_zip(buf.getvalue(), path)


def write_fixed_zip(data: bytes, path: Path) -> None:
    """Rewrite a zip package with every member dated ZIP_TIME (order and content unchanged)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(
                zipfile.ZipInfo(info.filename, ZIP_TIME),
                src.read(info.filename),
                compress_type=zipfile.ZIP_DEFLATED,
            )


def add_run(
    par: Paragraph,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str | None = None,
    caps: bool = False,
) -> None:
    """A formatted run (skipped when empty)."""
    if not text:
        return
    run = par.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = RGBColor.from_string(color)
    if caps:
        run.font.all_caps = True


def add_hyperlink(
    par: Paragraph,
    text: str,
    url: str,
    *,
    bold: bool = False,
    size: float | None = None,
    color: str = "0563C1",
) -> None:
    """A real w:hyperlink with an external relationship (python-docx has no API for it)."""
    r_id = par.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    if bold:
        rpr.append(OxmlElement("w:b"))
    col = OxmlElement("w:color")
    col.set(qn("w:val"), color)
    rpr.append(col)
    if size:
        sz = OxmlElement("w:sz")
        sz.set(qn("w:val"), str(round(size * 2)))
        rpr.append(sz)
    und = OxmlElement("w:u")
    und.set(qn("w:val"), "single")
    rpr.append(und)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.append(t)
    link.append(run)
    par._p.append(link)


def add_segs(
    par: Paragraph, segs: Sequence[Seg], *, bold: bool = False, size: float | None = None, sep: str = ""
) -> None:
    """Write text pieces, linking those with a URL; ``sep`` goes between pieces."""
    for n, (text, url) in enumerate(segs):
        if n and sep:
            add_run(par, sep, size=size)
        if url:
            add_hyperlink(par, text, url, bold=bold, size=size)
        else:
            add_run(par, text, bold=bold, size=size)


def spacing(
    par: Paragraph,
    before: float = 0,
    after: float = 0,
    indent: float | None = None,
    hanging: float | None = None,
) -> Paragraph:
    """Paragraph spacing and indents in points (resumes are dense; Word's defaults are not)."""
    fmt = par.paragraph_format
    fmt.space_before, fmt.space_after = Pt(before), Pt(after)
    if indent is not None:
        fmt.left_indent = Pt(indent)
    if hanging is not None:
        fmt.first_line_indent = Pt(-hanging)
    return par


def shade(cell: _Cell, fill: str) -> None:
    """Background colour of a table cell."""
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def no_borders(table: Any) -> None:
    """Remove all table borders (the layout table must not look like a table)."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def bottom_rule(par: Paragraph, color: str = "888888") -> None:
    """A thin line under a paragraph (pBdr must precede spacing etc. in pPr)."""
    ppr = par._p.get_or_add_pPr()
    bdr = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, val in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", color)):
        bottom.set(qn(f"w:{key}"), val)
    bdr.append(bottom)
    anchor = None
    for tag in (
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
    ):
        el = ppr.find(qn(tag))
        if el is not None:
            anchor = el
    if anchor is not None:
        anchor.addnext(bdr)
    else:
        ppr.insert(0, bdr)


# --------------------------------------------------------------------------------------------------
# docx-headings: one column, Word heading styles and List Bullet
# --------------------------------------------------------------------------------------------------


def build_docx_headings(resume: Resume) -> DocxDocument:
    """The layout Word's own styles give: Title, Heading 1/2, List Bullet; credentials as lines."""
    doc = new_document(resume, font="Calibri", size=10.5)
    for style_name, color in (("Heading 1", "1F3864"), ("Heading 2", "2E5597"), ("Title", "1F3864")):
        st = doc.styles[style_name]
        set_font(st.element, "Cambria")
        st.font.color.rgb = RGBColor.from_string(color)
    doc.styles["Heading 1"].font.size = Pt(13)
    doc.styles["Heading 2"].font.size = Pt(11)
    doc.styles["Title"].font.size = Pt(24)
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    doc.add_paragraph(clean(basics.get("name")), style="Title")
    if clean(basics.get("label")):
        doc.add_paragraph(clean(basics.get("label")), style="Subtitle")
    contact = contact_segs(basics)
    if contact:
        if "contact" in heads:
            doc.add_heading(heads["contact"], level=1)
        add_segs(doc.add_paragraph(), contact, sep=" | ")

    def heading(key: str) -> None:
        if key in heads:
            doc.add_heading(heads[key], level=1)

    if clean(basics.get("summary")):
        heading("summary")
        doc.add_paragraph(clean(basics.get("summary")))
    if resume.get("work"):
        heading("work")
        for job in resume["work"]:
            title = " — ".join(p for p in (clean(job.get("position")), clean(job.get("name"))) if p)
            doc.add_heading(title, level=2)
            when = date_range(job, lang, "mm/yyyy")
            if when:
                add_run(spacing(doc.add_paragraph(), after=2), when, italic=True)
            if clean(job.get("summary")):
                doc.add_paragraph(clean(job.get("summary")))
            for hl in job.get("highlights") or []:
                if clean(hl):
                    doc.add_paragraph(clean(hl), style="List Bullet")
    if resume.get("education"):
        heading("education")
        for edu in resume["education"]:
            degree = ", ".join(p for p in (clean(edu.get("studyType")), clean(edu.get("area"))) if p)
            doc.add_heading(degree or clean(edu.get("institution")), level=2)
            par = doc.add_paragraph()
            add_run(par, clean(edu.get("institution")) if degree else "")
            when = date_range(edu, lang, "mm/yyyy")
            if when:
                add_run(par, (", " if degree and clean(edu.get("institution")) else "") + when, italic=True)
    creds = certificates(resume)
    if creds:
        heading("certificates")
        for cred in creds:
            add_segs(doc.add_paragraph(style="List Bullet"), cred_line_segs(cred))
    if resume.get("awards"):
        heading("awards")
        for award in resume["awards"]:
            par = doc.add_paragraph(style="List Bullet")
            add_run(par, clean(award.get("title")), bold=True)
            rest = ", ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "mm/yyyy")) if p
            )
            add_run(par, f" — {rest}" if rest else "")
            add_run(par, f". {clean(award.get('summary'))}" if clean(award.get("summary")) else "")
    if resume.get("skills"):
        heading("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            par = doc.add_paragraph(style="List Bullet")
            add_run(par, f"{name}: " if kws else name, bold=True)
            add_run(par, kws)
    if resume.get("languages"):
        heading("languages")
        par = doc.add_paragraph()
        for n, item in enumerate(resume["languages"]):
            language, fluency = language_text(item)
            add_run(par, " · " if n else "")
            add_run(par, language, bold=True)
            add_run(par, f" ({fluency})" if fluency else "")
    return doc


# --------------------------------------------------------------------------------------------------
# docx-table: the whole resume in a two-column layout table
# --------------------------------------------------------------------------------------------------


def build_docx_table(resume: Resume) -> DocxDocument:
    """A borderless 2-column table: narrow shaded left column (contact, skills, languages, certificate
    slots in a nested table with the issue date in its own cell), wide right column for the rest."""
    doc = new_document(resume, font="Arial", size=9.5, page="a4", margins=(0.5, 0.5, 0.5, 0.5))
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    left_w, right_w = Cm(6.2), Cm(12.8)
    table = doc.add_table(rows=2, cols=2)
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    no_borders(table)
    for col, width in zip(table.columns, (left_w, right_w), strict=True):
        col.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, (left_w, right_w), strict=True):
            cell.width = width
    top = table.cell(0, 0).merge(table.cell(0, 1))
    shade(top, "1E3A5F")
    par = spacing(top.paragraphs[0], before=6)
    add_run(par, clean(basics.get("name")), bold=True, size=20, color="FFFFFF")
    if clean(basics.get("label")):
        add_run(spacing(top.add_paragraph(), after=6), clean(basics.get("label")), size=12, color="DCE6F0")
    left, right = table.cell(1, 0), table.cell(1, 1)
    shade(left, "EEF2F6")
    left.paragraphs[0].text = ""

    def head(cell: _Cell, key: str, first: bool = False) -> None:
        if key not in heads:
            return
        par = cell.paragraphs[0] if first and not cell.paragraphs[0].text else cell.add_paragraph()
        spacing(par, before=0 if first else 10, after=3)
        add_run(par, heads[key], bold=True, size=11, color="1E3A5F")
        bottom_rule(par, "1E3A5F")

    head(left, "contact", first=True)
    for seg in contact_segs(basics, profile_urls=True):
        add_segs(spacing(left.add_paragraph(), after=2), [seg], size=8.5)
    if resume.get("skills"):
        head(left, "skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            add_run(spacing(left.add_paragraph(), after=0), name, bold=True)
            if kws:
                add_run(spacing(left.add_paragraph(), after=3), kws, size=8.5)
    if resume.get("languages"):
        head(left, "languages")
        for item in resume["languages"]:
            language, fluency = language_text(item)
            par = spacing(left.add_paragraph(), after=1)
            add_run(par, language, bold=True)
            add_run(par, f" – {fluency}" if fluency else "")
    creds = certificates(resume)
    if creds:
        head(left, "certificates")
        nested = left.add_table(rows=len(creds), cols=2)
        nested.autofit = False
        no_borders(nested)
        widths = (Cm(4.0), Cm(1.9))
        for col, width in zip(nested.columns, widths, strict=True):
            col.width = width
        for row, cred in zip(nested.rows, creds, strict=True):
            c_main, c_date = row.cells
            c_main.width, c_date.width = widths
            par = spacing(c_main.paragraphs[0], after=1)
            add_segs(par, [cred_name_seg(cred)], bold=True, size=8.5)
            add_segs(par, cred_link_tail(cred), size=8)
            for key in ("issuer", "expires_text", "id_text"):
                if clean(cred.get(key)):
                    add_run(spacing(c_main.add_paragraph(), after=1), clean(cred.get(key)), size=8)
            spacing(c_main.paragraphs[-1], after=5)
            date_par = spacing(c_date.paragraphs[0], after=1)
            date_par.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            add_run(date_par, clean(cred.get("issued_text")), size=8, italic=True)
        left.add_paragraph()

    first = [True]

    def rhead(key: str) -> None:
        head(right, key, first=first[0])
        first[0] = False

    if clean(basics.get("summary")):
        rhead("summary")
        add_run(
            spacing(
                right.add_paragraph() if not first[0] or right.paragraphs[0].text else right.paragraphs[0],
                after=4,
            ),
            clean(basics.get("summary")),
        )
        first[0] = False
    if resume.get("work"):
        rhead("work")
        for job in resume["work"]:
            par = spacing(right.add_paragraph(), before=4, after=0)
            add_run(par, clean(job.get("position")), bold=True)
            add_run(par, f", {clean(job.get('name'))}" if clean(job.get("name")) else "")
            add_run(
                spacing(right.add_paragraph(), after=2),
                date_range(job, lang, "yyyy-mm"),
                italic=True,
                size=8.5,
                color="555555",
            )
            if clean(job.get("summary")):
                add_run(spacing(right.add_paragraph(), after=2), clean(job.get("summary")))
            for hl in job.get("highlights") or []:
                if clean(hl):
                    add_run(spacing(right.add_paragraph(), after=1, indent=12, hanging=9), f"▪\t{clean(hl)}")
    if resume.get("education"):
        rhead("education")
        for edu in resume["education"]:
            par = spacing(right.add_paragraph(), before=4, after=0)
            add_run(
                par,
                ", ".join(p for p in (clean(edu.get("studyType")), clean(edu.get("area"))) if p),
                bold=True,
            )
            par = spacing(right.add_paragraph(), after=2)
            add_run(par, clean(edu.get("institution")))
            when = date_range(edu, lang, "yyyy-mm")
            add_run(par, f" ({when})" if when else "", size=8.5, color="555555")
    if resume.get("awards"):
        rhead("awards")
        for award in resume["awards"]:
            par = spacing(right.add_paragraph(), before=3, after=0)
            add_run(par, clean(award.get("title")), bold=True)
            meta = " · ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "yyyy-mm")) if p
            )
            add_run(par, f" · {meta}" if meta else "", size=8.5)
            if clean(award.get("summary")):
                add_run(spacing(right.add_paragraph(), after=2), clean(award.get("summary")))
    return doc


# --------------------------------------------------------------------------------------------------
# docx-textbox: a sidebar in a floating DrawingML text box (with a VML fallback, as Word writes it)
# --------------------------------------------------------------------------------------------------

_NS_DECL = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:v="urn:schemas-microsoft-com:vml" '
    'xmlns:o="urn:schemas-microsoft-com:office:office"'
)


def textbox_run(x: int, y: int, cx: int, cy: int, fill: str, shape_id: int) -> tuple[Any, Any, Any]:
    """A w:r holding a page-anchored text box; returns (run, DrawingML txbxContent, VML txbxContent)."""
    pt = 12700
    style = (
        f"position:absolute;margin-left:{x / pt:.1f}pt;margin-top:{y / pt:.1f}pt;width:{cx / pt:.1f}pt;"
        f"height:{cy / pt:.1f}pt;z-index:251659264;mso-position-horizontal-relative:page;"
        "mso-position-vertical-relative:page;mso-wrap-style:square;v-text-anchor:top"
    )
    xml = f"""<w:r {_NS_DECL}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>
<wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" relativeHeight="251659264"
 behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
<wp:simplePos x="0" y="0"/>
<wp:positionH relativeFrom="page"><wp:posOffset>{x}</wp:posOffset></wp:positionH>
<wp:positionV relativeFrom="page"><wp:posOffset>{y}</wp:posOffset></wp:positionV>
<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapNone/>
<wp:docPr id="{shape_id}" name="Sidebar {shape_id}"/><wp:cNvGraphicFramePr/>
<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>
<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>
<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="{fill}"/></a:solidFill>
<a:ln><a:noFill/></a:ln></wps:spPr>
<wps:txbx><w:txbxContent/></wps:txbx>
<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="118872" tIns="118872" rIns="118872" bIns="91440"
 anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>
</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
<mc:Fallback><w:pict><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202"
 path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>
<v:path gradientshapeok="t" o:connecttype="rect"/>
</v:shapetype><v:shape id="Sidebar{shape_id}" o:spid="_x0000_s{1025 + shape_id}" type="#_x0000_t202"
 style="{style}" fillcolor="#{fill.lower()}" stroked="f"><v:textbox inset="9.36pt,9.36pt,9.36pt,7.2pt">
<w:txbxContent/></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""
    run = parse_xml(re.sub(r">\s+<", "><", xml))
    contents = run.findall(".//" + qn("w:txbxContent"))
    return run, contents[0], contents[1]


def build_docx_textbox(resume: Resume) -> DocxDocument:
    """Main column on the right; contact, certificates (slots), skills and languages in a floating,
    page-anchored text box on the left. Body paragraphs never overlap it: the left margin is wide."""
    doc = new_document(resume, font="Georgia", size=10, page="a4", margins=(0.6, 0.6, 0.6, 2.95))
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)

    name_par = spacing(doc.add_paragraph(), after=0)
    add_run(name_par, clean(basics.get("name")), bold=True, size=22, color="3B3B6D")
    if clean(basics.get("label")):
        add_run(spacing(doc.add_paragraph(), after=8), clean(basics.get("label")), size=12, color="6D6D9C")

    # The sidebar's paragraphs are built in the body with the normal helpers, then moved into the box.
    side: list[Paragraph] = []

    def sp(**kw: float) -> Paragraph:
        par = spacing(doc.add_paragraph(), **kw)
        side.append(par)
        return par

    def shead(key: str) -> None:
        if key in heads:
            add_run(
                sp(before=10 if side else 0, after=3),
                heads[key],
                bold=True,
                size=10.5,
                color="3B3B6D",
                caps=True,
            )

    shead("contact")
    for seg in contact_segs(basics):
        add_segs(sp(after=2), [seg], size=8.5)
    creds = certificates(resume)
    if creds:
        shead("certificates")
        for cred in creds:
            add_segs(sp(after=0), [cred_name_seg(cred)], bold=True, size=8.5)
            if clean(cred.get("issuer")):
                add_run(sp(after=0), clean(cred.get("issuer")), size=8.5)
            dates = " – ".join(
                clean(cred.get(k)) for k in ("issued_text", "expires_text") if clean(cred.get(k))
            )
            if dates:
                add_run(sp(after=0), dates, size=8, italic=True)
            if clean(cred.get("id_text")):
                add_run(sp(after=0), clean(cred.get("id_text")), size=8)
            tail = [s for s in cred_link_tail(cred) if s[1]]
            if tail:
                add_segs(sp(after=0), tail, size=8, sep=" ")
            spacing(side[-1], after=5)
    if resume.get("skills"):
        shead("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            par = sp(after=3)
            add_run(par, name, bold=True, size=8.5)
            add_run(par, f": {kws}" if kws else "", size=8.5)
    if resume.get("languages"):
        shead("languages")
        for item in resume["languages"]:
            language, fluency = language_text(item)
            par = sp(after=1)
            add_run(par, language, size=8.5)
            add_run(par, f" – {fluency}" if fluency else "", size=8.5, italic=True)

    run, txbx, vml_txbx = textbox_run(
        Emu(Inches(0.3)), Emu(Inches(0.45)), Emu(Inches(2.35)), Emu(Mm(297) - Inches(0.9)), "EDEDF5", 1
    )
    for par in side:
        txbx.append(par._p)  # moves the element out of the body
    if not side:
        txbx.append(OxmlElement("w:p"))
    for child in txbx:
        vml_txbx.append(copy.deepcopy(child))
    name_par._p.insert(1 if name_par._p.pPr is not None else 0, run)

    def head(key: str) -> None:
        if key in heads:
            par = spacing(doc.add_paragraph(), before=12, after=4)
            add_run(par, heads[key], bold=True, size=12, color="3B3B6D")
            bottom_rule(par, "B0B0CC")

    if clean(basics.get("summary")):
        head("summary")
        doc.add_paragraph(clean(basics.get("summary")))
    if resume.get("work"):
        head("work")
        for job in resume["work"]:
            par = spacing(doc.add_paragraph(), before=6, after=0)
            add_run(par, clean(job.get("position")), bold=True)
            par = spacing(doc.add_paragraph(), after=2)
            add_run(par, clean(job.get("name")), italic=True)
            when = date_range(job, lang, "mm.yyyy")
            add_run(par, f"  |  {when}" if when and clean(job.get("name")) else when, size=9, color="666666")
            if clean(job.get("summary")):
                spacing(doc.add_paragraph(clean(job.get("summary"))), after=2)
            for hl in job.get("highlights") or []:
                if clean(hl):
                    spacing(doc.add_paragraph(clean(hl), style="List Bullet"), after=1)
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            par = spacing(doc.add_paragraph(), before=4, after=0)
            add_run(par, clean(edu.get("studyType")), bold=True)
            add_run(par, f" – {clean(edu.get('area'))}" if clean(edu.get("area")) else "")
            par = spacing(doc.add_paragraph(), after=2)
            add_run(par, clean(edu.get("institution")), italic=True)
            when = date_range(edu, lang, "mm.yyyy")
            add_run(par, f"  |  {when}" if when else "", size=9, color="666666")
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            par = spacing(doc.add_paragraph(), before=3, after=2)
            add_run(par, clean(award.get("title")), bold=True)
            meta = ", ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "mm.yyyy")) if p
            )
            add_run(par, f" ({meta})" if meta else "")
            add_run(par, f" {clean(award.get('summary'))}" if clean(award.get("summary")) else "")
    return doc


# --------------------------------------------------------------------------------------------------
# docx-plain-bold: what people type by hand: no styles, bold caps headings, tabs for dates
# --------------------------------------------------------------------------------------------------


def build_docx_plain_bold(resume: Resume) -> DocxDocument:
    """Everything in Normal: headings are bold all-caps runs, entries are "title<TAB>dates" lines with
    a right tab stop, bullets are typed characters; credentials in slots."""
    doc = new_document(resume, font="Times New Roman", size=11, margins=(0.75, 0.75, 0.75, 0.75))
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    right = Inches(7.0)

    def par(before: float = 0, after: float = 0, tab: bool = False) -> Paragraph:
        p = spacing(doc.add_paragraph(), before=before, after=after)
        if tab:
            p.paragraph_format.tab_stops.add_tab_stop(right, WD_TAB_ALIGNMENT.RIGHT)
        return p

    p = par()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(p, clean(basics.get("name")), bold=True, size=16)
    if clean(basics.get("label")):
        p = par()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(p, clean(basics.get("label")))
    contact = contact_segs(basics, profile_urls=True)
    if contact:
        if "contact" in heads:
            add_run(par(before=12, after=3), heads["contact"], bold=True, caps=True)
        p = par()
        if "contact" not in heads:
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_segs(p, contact, sep="  •  ", size=10)

    def head(key: str) -> None:
        if key in heads:
            add_run(par(before=12, after=3), heads[key], bold=True, caps=True)
        else:
            par(after=0)

    def bullet(text: str) -> None:
        p = spacing(doc.add_paragraph(), after=0, indent=18, hanging=12)
        add_run(p, f"•\t{text}")

    if clean(basics.get("summary")):
        head("summary")
        add_run(par(), clean(basics.get("summary")))
    if resume.get("work"):
        head("work")
        for n, job in enumerate(resume["work"]):
            p = par(before=6 if n else 0, tab=True)
            add_run(p, clean(job.get("position")), bold=True)
            add_run(p, f", {clean(job.get('name'))}" if clean(job.get("name")) else "")
            add_run(p, f"\t{date_range(job, lang, 'mm/yyyy')}")
            if clean(job.get("summary")):
                add_run(par(), clean(job.get("summary")))
            for hl in job.get("highlights") or []:
                if clean(hl):
                    bullet(clean(hl))
    if resume.get("education"):
        head("education")
        for n, edu in enumerate(resume["education"]):
            p = par(before=4 if n else 0, tab=True)
            add_run(
                p, ", ".join(x for x in (clean(edu.get("studyType")), clean(edu.get("area"))) if x), bold=True
            )
            add_run(p, f" — {clean(edu.get('institution'))}" if clean(edu.get("institution")) else "")
            add_run(p, f"\t{date_range(edu, lang, 'mm/yyyy')}")
    creds = certificates(resume)
    if creds:
        head("certificates")
        for n, cred in enumerate(creds):
            p = par(before=4 if n else 0, tab=True)
            add_segs(p, [cred_name_seg(cred)], bold=True)
            dates = " – ".join(
                clean(cred.get(k)) for k in ("issued_text", "expires_text") if clean(cred.get(k))
            )
            add_run(p, f"\t{dates}" if dates else "")
            rest: list[Seg] = [
                (clean(cred.get(k)), None) for k in ("issuer", "id_text") if clean(cred.get(k))
            ]
            tail = [s for s in cred_link_tail(cred) if s[1]]
            if rest or tail:
                add_segs(par(), rest + tail, sep=" · ", size=10)
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            p = par(before=2, tab=True)
            add_run(p, clean(award.get("title")), bold=True)
            add_run(p, f", {clean(award.get('awarder'))}" if clean(award.get("awarder")) else "")
            add_run(p, f"\t{fmt_date(award.get('date'), 'mm/yyyy')}")
            if clean(award.get("summary")):
                add_run(par(), clean(award.get("summary")))
    if resume.get("skills"):
        head("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            p = par()
            add_run(p, f"{name}:" if kws else name, bold=True)
            add_run(p, f" {kws}" if kws else "")
    if resume.get("languages"):
        head("languages")
        p = par()
        items = [" – ".join(x for x in language_text(item) if x) for item in resume["languages"]]
        add_run(p, "; ".join(i for i in items if i))
    return doc


def docx_renderer(rid: str, build: Callable[[Resume], DocxDocument], notes: str) -> Renderer:
    """A python-docx renderer: build each DOCX in-process, then print the batch with one soffice."""

    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        outputs = [Output(job=job) for job in jobs]
        made: dict[int, Path] = {}
        for i, job in enumerate(jobs):
            t0 = time.monotonic()
            try:
                dest = path_for(job, "docx")
                save_docx(build(job.resume), dest)
                outputs[i].files["docx"] = made[i] = dest
            except Exception as exc:  # one bad resume never stops the batch
                outputs[i].error = f"{rid}: {type(exc).__name__}: {exc}"
            TIMINGS.append((f"{rid} python-docx", 1, time.monotonic() - t0))
        print_pdfs(jobs, outputs, made)
        return outputs

    return Renderer(
        id=rid,
        family=FAMILY,
        variants=VARIANTS,
        render_batch=render_batch,
        tool=f"python-docx@{docx_version()} + LibreOffice {lo_version()} (PDF)",
        notes=notes,
    )


# --------------------------------------------------------------------------------------------------
# odt-*: our flat-ODT templates, filled here and saved as DOCX by LibreOffice Writer
# --------------------------------------------------------------------------------------------------


def x(text: str) -> str:
    """Escape text for ODF character content; runs of spaces, tabs and newlines become ODF elements."""
    out = escape(_CONTROL.sub("", text))
    out = out.replace("\t", "<text:tab/>").replace("\n", "<text:line-break/>")
    return re.sub(r" {2,}", lambda m: " " + f'<text:s text:c="{len(m.group()) - 1}"/>', out)


def xa(text: str) -> str:
    """Escape an attribute value."""
    return escape(text, {'"': "&quot;"})


def odt_segs(segs: Sequence[Seg], span: str | None = None, sep: str = "") -> str:
    """Text pieces as ODF, links as text:a; ``span`` wraps every piece in a character style."""
    parts = []
    for text, url in segs:
        body = x(text)
        if url:
            body = (
                f'<text:a xlink:type="simple" xlink:href="{xa(url)}" '
                f'text:style-name="Internet_20_link">{body}</text:a>'
            )
        if span:
            body = f'<text:span text:style-name="{span}">{body}</text:span>'
        parts.append(body)
    return x(sep).join(parts)


def op(style: str, content: str) -> str:
    """One text:p."""
    return f'<text:p text:style-name="{style}">{content}</text:p>'


def oh(style: str, text: str, level: int = 1) -> str:
    """One text:h (a real outline heading, which becomes a Word heading in the DOCX)."""
    return f'<text:h text:style-name="{style}" text:outline-level="{level}">{x(text)}</text:h>'


def olist(items: Sequence[str], style: str = "Bullets", par_style: str = "List_20_Item") -> str:
    """A bulleted text:list from prepared ODF paragraph contents."""
    if not items:
        return ""
    body = "".join(f"<text:list-item>{op(par_style, it)}</text:list-item>" for it in items)
    return f'<text:list text:style-name="{style}">{body}</text:list>'


def b(text: str) -> str:
    """Bold span."""
    return f'<text:span text:style-name="Strong">{x(text)}</text:span>' if text else ""


def it(text: str) -> str:
    """Italic span."""
    return f'<text:span text:style-name="Em">{x(text)}</text:span>' if text else ""


def odt_name_role(basics: dict[str, Any]) -> list[str]:
    """The name and, when there is one, the role line: how every ODT template opens."""
    lines = [op("Name", x(clean(basics.get("name"))))]
    if clean(basics.get("label")):
        lines.append(op("Role", x(clean(basics.get("label")))))
    return lines


def odt_work(
    jobs: list[dict[str, Any]], lang: str, date_format: str, employer: Callable[[str], str]
) -> list[str]:
    """Work entries as the one-column ODT templates set them: position, a tab and the dates, the
    employer below (in ``employer``'s markup), the summary and the highlights."""
    out = []
    for job in jobs:
        dates = x(date_range(job, lang, date_format))
        out.append(op("Entry", b(clean(job.get("position"))) + "<text:tab/>" + dates))
        if clean(job.get("name")):
            out.append(op("Entry_20_Sub", employer(clean(job.get("name")))))
        if clean(job.get("summary")):
            out.append(op("Text_20_body", x(clean(job.get("summary")))))
        out.append(olist([x(clean(h)) for h in job.get("highlights") or [] if clean(h)]))
    return out


def fill_template(name: str, resume: Resume, parts: dict[str, str]) -> str:
    """Put generated ODF into a template's ``<!--@KEY@-->`` slots and its metadata."""
    text = (TEMPLATES / name).read_text(encoding="utf-8")
    lang = lang_of(resume)
    values = {
        "TITLE": xa(clean(resume.get("basics", {}).get("name"))),
        "LANG": xa(lang),
        "COUNTRY": xa(COUNTRY.get(lang, "US")),
        **parts,
    }
    for key, value in values.items():
        text = text.replace(f"<!--@{key}@-->", value)
    return text


def odt_classic(resume: Resume) -> str:
    """One column, paragraph styles only; credentials as their lines in a bullet list."""
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    body = odt_name_role(basics)
    contact = contact_segs(basics)
    if contact:
        if "contact" in heads:
            body.append(oh("Section", heads["contact"]))
        body.append(op("Contact", odt_segs(contact, sep="  ·  ")))

    def head(key: str) -> None:
        if key in heads:
            body.append(oh("Section", heads[key]))

    if clean(basics.get("summary")):
        head("summary")
        body.append(op("Text_20_body", x(clean(basics.get("summary")))))
    if resume.get("work"):
        head("work")
        body.extend(odt_work(resume["work"], lang, "mm.yyyy", it))
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            degree = ", ".join(p for p in (clean(edu.get("studyType")), clean(edu.get("area"))) if p)
            body.append(op("Entry", b(degree) + "<text:tab/>" + x(date_range(edu, lang, "mm.yyyy"))))
            if clean(edu.get("institution")):
                body.append(op("Entry_20_Sub", it(clean(edu.get("institution")))))
    creds = certificates(resume)
    if creds:
        head("certificates")
        body.append(olist([odt_segs(cred_line_segs(c)) for c in creds]))
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            meta = ", ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "mm.yyyy")) if p
            )
            body.append(op("Entry", b(clean(award.get("title"))) + "<text:tab/>" + x(meta)))
            if clean(award.get("summary")):
                body.append(op("Text_20_body", x(clean(award.get("summary")))))
    if resume.get("skills"):
        head("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            body.append(op("Text_20_body", b(f"{name}: " if kws else name) + x(kws)))
    if resume.get("languages"):
        head("languages")
        items = [
            b(lng) + (x(f" ({flu})") if flu else "") for lng, flu in map(language_text, resume["languages"])
        ]
        body.append(op("Text_20_body", x(" · ").join(items)))
    return fill_template("odt-classic.fodt", resume, {"BODY": "".join(body)})


def odt_columns(resume: Resume) -> str:
    """A full-width header, then every section flowing through a two-column text:section;
    credentials in slots (name, issuer, dates, id each in place)."""
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    header = odt_name_role(basics)
    contact = contact_segs(basics, profile_urls=True)
    body: list[str] = []

    def head(key: str) -> None:
        if key in heads:
            body.append(oh("Section", heads[key]))

    if clean(basics.get("summary")):
        head("summary")
        body.append(op("Text_20_body", x(clean(basics.get("summary")))))
    if contact:
        if "contact" in heads:
            head("contact")
            body.extend(op("Small", odt_segs([seg])) for seg in contact)
        else:
            header.append(op("Contact", odt_segs(contact, sep=" | ")))
    if resume.get("work"):
        head("work")
        for job in resume["work"]:
            body.append(op("Entry", b(clean(job.get("position")))))
            meta = " · ".join(p for p in (clean(job.get("name")), date_range(job, lang, "yyyy-mm")) if p)
            body.append(op("Entry_20_Sub", x(meta)))
            if clean(job.get("summary")):
                body.append(op("Text_20_body", x(clean(job.get("summary")))))
            body.append(olist([x(clean(h)) for h in job.get("highlights") or [] if clean(h)], "Dashes"))
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            body.append(
                op(
                    "Entry",
                    b(clean(edu.get("studyType")))
                    + (x(f", {clean(edu.get('area'))}") if clean(edu.get("area")) else ""),
                )
            )
            meta = " · ".join(
                p for p in (clean(edu.get("institution")), date_range(edu, lang, "yyyy-mm")) if p
            )
            body.append(op("Entry_20_Sub", x(meta)))
    creds = certificates(resume)
    if creds:
        head("certificates")
        for cred in creds:
            body.append(op("Entry", odt_segs([cred_name_seg(cred)], span="Strong")))
            slots = [clean(cred.get(k)) for k in ("issuer", "issued_text", "expires_text", "id_text")]
            line = x(" · ".join(s for s in slots if s))
            tail = cred_link_tail(cred)
            body.append(op("Entry_20_Sub", line + odt_segs(tail)))
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            body.append(op("Entry", b(clean(award.get("title")))))
            meta = " · ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "yyyy-mm")) if p
            )
            if meta:
                body.append(op("Entry_20_Sub", x(meta)))
            if clean(award.get("summary")):
                body.append(op("Text_20_body", x(clean(award.get("summary")))))
    if resume.get("skills"):
        head("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            body.append(op("Text_20_body", b(name) + (x(f" — {kws}") if kws else "")))
    if resume.get("languages"):
        head("languages")
        for lng, flu in map(language_text, resume["languages"]):
            body.append(op("Text_20_body", b(lng) + (x(f": {flu}") if flu else "")))
    return fill_template("odt-columns.fodt", resume, {"HEADER": "".join(header), "BODY": "".join(body)})


def odt_frame(resume: Resume) -> str:
    """A page-anchored frame on the left for contact, skills, languages and credentials (as lines);
    the main text sits right of it thanks to a wide left page margin."""
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    side: list[str] = []

    def shead(key: str) -> None:
        if key in heads:
            side.append(op("Side_20_Heading", x(heads[key])))

    contact = contact_segs(basics)
    if contact:
        shead("contact")
        side.extend(op("Side", odt_segs([seg])) for seg in contact)
    if resume.get("skills"):
        shead("skills")
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            side.append(op("Side", b(name)))
            if kws:
                side.append(op("Side", x(kws)))
    if resume.get("languages"):
        shead("languages")
        for lng, flu in map(language_text, resume["languages"]):
            side.append(op("Side", x(lng) + (it(f" – {flu}") if flu else "")))
    creds = certificates(resume)
    if creds:
        shead("certificates")
        side.extend(op("Side_20_Item", odt_segs(cred_line_segs(c))) for c in creds)
    if not side:
        side.append(op("Side", ""))

    body = odt_name_role(basics)

    def head(key: str) -> None:
        if key in heads:
            body.append(oh("Section", heads[key]))

    if clean(basics.get("summary")):
        head("summary")
        body.append(op("Text_20_body", x(clean(basics.get("summary")))))
    if resume.get("work"):
        head("work")
        body.extend(odt_work(resume["work"], lang, "mm/yyyy", x))
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            body.append(
                op(
                    "Entry",
                    b(clean(edu.get("studyType"))) + "<text:tab/>" + x(date_range(edu, lang, "mm/yyyy")),
                )
            )
            sub = ", ".join(p for p in (clean(edu.get("area")), clean(edu.get("institution"))) if p)
            if sub:
                body.append(op("Entry_20_Sub", x(sub)))
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            body.append(
                op(
                    "Entry",
                    b(clean(award.get("title"))) + "<text:tab/>" + x(fmt_date(award.get("date"), "mm/yyyy")),
                )
            )
            sub = " – ".join(p for p in (clean(award.get("awarder")), clean(award.get("summary"))) if p)
            if sub:
                body.append(op("Entry_20_Sub", x(sub)))
    return fill_template("odt-frame.fodt", resume, {"SIDEBAR": "".join(side), "BODY": "".join(body)})


def odt_renderer(rid: str, fill: Callable[[Resume], str], notes: str) -> Renderer:
    """A template renderer: fill all .fodt files, ONE soffice call to DOCX, ONE to PDF (from the DOCX)."""

    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        outputs = [Output(job=job) for job in jobs]
        with tempfile.TemporaryDirectory(prefix="credbridge-odt-") as tmp:
            work = Path(tmp)
            (work / "src").mkdir()
            sources: dict[int, Path] = {}
            for i, job in enumerate(jobs):
                t0 = time.monotonic()
                try:
                    src = work / "src" / f"j{i:05d}.fodt"
                    src.write_text(fill(job.resume), encoding="utf-8")
                    sources[i] = src
                except Exception as exc:  # one bad resume never stops the batch
                    outputs[i].error = f"{rid}: {type(exc).__name__}: {exc}"
                TIMINGS.append((f"{rid} fill template", 1, time.monotonic() - t0))
            made: dict[int, Path] = {}
            for i, res in lo_convert(sources, "docx:MS Word 2007 XML", "docx", work).items():
                if isinstance(res, Path):
                    dest = path_for(jobs[i], "docx")
                    write_fixed_zip(res.read_bytes(), dest)  # LO's content is stable; only zip dates vary
                    outputs[i].files["docx"] = made[i] = dest
                else:
                    outputs[i].error = f"{rid}: {res}"
        print_pdfs(jobs, outputs, made)
        return outputs

    return Renderer(
        id=rid,
        family=FAMILY,
        variants=VARIANTS,
        render_batch=render_batch,
        tool=f"LibreOffice Writer {lo_version()} (flat ODT template -> MS Word 2007 XML)",
        notes=notes,
    )


# --------------------------------------------------------------------------------------------------
# pandoc-ref-*: Markdown -> DOCX through our restyled reference documents
# --------------------------------------------------------------------------------------------------

_MD_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: str) -> str:
    """Escape every ASCII punctuation mark so pandoc prints the text literally (no lists, emphasis,
    smart quotes); newlines become spaces."""
    return _MD_PUNCT.sub(r"\\\1", re.sub(r"\s*\n\s*", " ", clean(text)))


def md_segs(segs: Sequence[Seg]) -> str:
    """Text pieces as Markdown; links with the URL in angle brackets (parentheses-safe)."""
    out = []
    for text, url in segs:
        if not text:
            continue
        if text.isspace():
            out.append(" ")
        elif url:
            out.append(f"[{md(text)}](<{url.replace('>', '%3E').replace(' ', '%20')}>)")
        else:
            out.append(md(text))
    return "".join(out)


def md_serif(resume: Resume) -> tuple[str, list[str]]:
    """Title block (metadata), level-1 section headings, bullet lists; credentials as lines."""
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    meta = ["-M", f"title={clean(basics.get('name'))}", "-M", f"lang={lang}-{COUNTRY.get(lang, 'US')}"]
    if clean(basics.get("label")):
        meta += ["-M", f"subtitle={clean(basics.get('label'))}"]
    out: list[str] = []
    contact = contact_segs(basics)
    if contact:
        if "contact" in heads:
            out.append(f"# {md(heads['contact'])}")
        out.append(" · ".join(md_segs([s]) for s in contact))

    def head(key: str) -> None:
        if key in heads:
            out.append(f"# {md(heads[key])}")

    if clean(basics.get("summary")):
        head("summary")
        out.append(md(basics.get("summary")))
    if resume.get("work"):
        head("work")
        for job in resume["work"]:
            out.append(f"## {md(clean(job.get('position')) or clean(job.get('name')))}")
            meta_line = " · ".join(
                p
                for p in (
                    md(job.get("name")) if clean(job.get("position")) else "",
                    f"*{md(date_range(job, lang, 'yyyy'))}*" if date_range(job, lang, "yyyy") else "",
                )
                if p
            )
            if meta_line:
                out.append(meta_line)
            if clean(job.get("summary")):
                out.append(md(job.get("summary")))
            bullets = [f"- {md(h)}" for h in job.get("highlights") or [] if clean(h)]
            if bullets:
                out.append("\n".join(bullets))
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            degree = ", ".join(p for p in (clean(edu.get("studyType")), clean(edu.get("area"))) if p)
            out.append(f"## {md(degree or clean(edu.get('institution')))}")
            line = ", ".join(
                p
                for p in (clean(edu.get("institution")) if degree else "", date_range(edu, lang, "yyyy"))
                if p
            )
            if line:
                out.append(md(line))
    creds = certificates(resume)
    if creds:
        head("certificates")
        out.append("\n".join(f"- {md_segs(cred_line_segs(c))}" for c in creds))
    if resume.get("awards"):
        head("awards")
        items = []
        for award in resume["awards"]:
            rest = ", ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "yyyy")) if p
            )
            item = f"- **{md(award.get('title'))}**" + (f", {md(rest)}" if rest else "")
            if clean(award.get("summary")):
                item += f". {md(award.get('summary'))}"
            items.append(item)
        out.append("\n".join(items))
    if resume.get("skills"):
        head("skills")
        items = []
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            items.append(f"- **{md(name)}**" + (f": {md(kws)}" if kws else ""))
        out.append("\n".join(items))
    if resume.get("languages"):
        head("languages")
        items = [
            f"- {md(lng)}" + (f" ({md(flu)})" if flu else "")
            for lng, flu in map(language_text, resume["languages"])
        ]
        out.append("\n".join(items))
    return "\n\n".join(out) + "\n", meta


def md_modern(resume: Resume) -> tuple[str, list[str]]:
    """Name as a level-1 heading, level-2 sections, entries as bold lines; credentials in a pipe
    table with one column per slot."""
    basics, heads, lang = resume.get("basics") or {}, headings(resume), lang_of(resume)
    meta = ["-M", f"lang={lang}-{COUNTRY.get(lang, 'US')}", "-M", f"pagetitle={clean(basics.get('name'))}"]
    out = [f"# {md(basics.get('name'))}"]
    if clean(basics.get("label")):
        out.append(f"**{md(basics.get('label'))}**")
    contact = contact_segs(basics, profile_urls=True)

    def head(key: str) -> None:
        if key in heads:
            out.append(f"## {md(heads[key])}")

    if contact:
        head("contact")
        out.append("  \n".join(md_segs([s]) for s in contact))
    if clean(basics.get("summary")):
        head("summary")
        out.append(md(basics.get("summary")))
    if resume.get("work"):
        head("work")
        for job in resume["work"]:
            line = f"**{md(job.get('position'))}**" if clean(job.get("position")) else ""
            rest = " · ".join(p for p in (clean(job.get("name")), date_range(job, lang, "mm/yyyy")) if p)
            out.append(" · ".join(p for p in (line, md(rest)) if p))
            if clean(job.get("summary")):
                out.append(md(job.get("summary")))
            bullets = [f"* {md(h)}" for h in job.get("highlights") or [] if clean(h)]
            if bullets:
                out.append("\n".join(bullets))
    if resume.get("education"):
        head("education")
        for edu in resume["education"]:
            degree = " ".join(p for p in (clean(edu.get("studyType")), clean(edu.get("area"))) if p)
            line = f"**{md(degree)}**" if degree else ""
            rest = " · ".join(
                p for p in (clean(edu.get("institution")), date_range(edu, lang, "mm/yyyy")) if p
            )
            out.append(" · ".join(p for p in (line, md(rest)) if p))
    creds = certificates(resume)
    if creds:
        head("certificates")
        rows = ["|   |   |   |   |", "|:------------------------|:--------------|:---------|:-----------|"]
        for cred in creds:
            name = f"**{md_segs([cred_name_seg(cred)])}**" + md_segs(cred_link_tail(cred))
            dates = " – ".join(md(cred.get(k)) for k in ("issued_text", "expires_text") if clean(cred.get(k)))
            rows.append(f"| {name} | {md(cred.get('issuer'))} | {dates} | {md(cred.get('id_text'))} |")
        out.append("\n".join(rows))
    if resume.get("awards"):
        head("awards")
        for award in resume["awards"]:
            rest = " · ".join(
                p for p in (clean(award.get("awarder")), fmt_date(award.get("date"), "mm/yyyy")) if p
            )
            out.append(f"**{md(award.get('title'))}**" + (f" · {md(rest)}" if rest else ""))
            if clean(award.get("summary")):
                out.append(md(award.get("summary")))
    if resume.get("skills"):
        head("skills")
        lines = []
        for skill in resume["skills"]:
            name, kws = skill_text(skill)
            lines.append(f"**{md(name)}**" + (f" — {md(kws)}" if kws else ""))
        out.append("  \n".join(lines))
    if resume.get("languages"):
        head("languages")
        out.append(
            " · ".join(
                f"{md(lng)}" + (f" ({md(flu)})" if flu else "")
                for lng, flu in map(language_text, resume["languages"])
            )
        )
    return "\n\n".join(out) + "\n", meta


def restyle_reference(
    dest: Path,
    *,
    body_font: str,
    head_font: str,
    body_size: float,
    head_color: str,
    title_color: str,
    a4: bool,
    h1_size: float | None = None,
) -> None:
    """Take pandoc's default reference.docx and give it our fonts, sizes, colours and page."""
    raw = dest.with_suffix(".raw.docx")
    subprocess.run(
        [PANDOC, "-o", str(raw), "--print-default-data-file", "reference.docx"],
        check=True,
        timeout=60,
        capture_output=True,
    )
    doc = Document(str(raw))
    rpr_default = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_font(rpr_default, body_font, is_rpr=True)
    # pandoc names its styles "Heading 1" where python-docx looks up "heading 1": index by our own names
    styles = {s.name: s for s in doc.styles}
    for name in ("Normal", "Body Text", "First Paragraph", "Compact", "Author", "Date", "Abstract"):
        if name in styles:
            set_font(styles[name].element, body_font)
    styles["Normal"].font.size = Pt(body_size)
    sizes = {
        "Title": body_size + 13,
        "Subtitle": body_size + 3,
        "Heading 1": h1_size or body_size + 3,
        "Heading 2": body_size + 1,
        "Heading 3": body_size,
    }
    for name, size in sizes.items():
        st = styles[name]
        set_font(st.element, head_font)
        st.font.size = Pt(size)
        st.font.color.rgb = RGBColor.from_string(title_color if name in ("Title", "Subtitle") else head_color)
    styles["Hyperlink"].font.color.rgb = RGBColor.from_string(head_color)
    styles["Compact"].paragraph_format.space_before = Pt(1)
    styles["Compact"].paragraph_format.space_after = Pt(1)
    for name in ("Body Text", "First Paragraph"):
        styles[name].paragraph_format.space_before = Pt(3)
        styles[name].paragraph_format.space_after = Pt(3)
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    sec = doc.sections[0]
    if a4:
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin = sec.bottom_margin = sec.left_margin = sec.right_margin = Cm(1.8)
    else:
        sec.page_width, sec.page_height = Inches(8.5), Inches(11)
        sec.top_margin = sec.bottom_margin = Inches(0.9)
        sec.left_margin = sec.right_margin = Inches(1.0)
    props = doc.core_properties
    props.created = props.modified = FIXED_TIME
    props.author = props.last_modified_by = ""
    save_docx(doc, dest)
    raw.unlink()


REFERENCES: dict[str, dict[str, Any]] = {
    "pandoc-ref-serif": dict(
        body_font="Liberation Serif",
        head_font="DejaVu Serif",
        body_size=11,
        head_color="7A1F2B",
        title_color="4A0E16",
        a4=False,
    ),
    "pandoc-ref-modern": dict(
        body_font="Liberation Sans",
        head_font="DejaVu Sans",
        body_size=9.5,
        head_color="007C89",
        title_color="1B2A38",
        a4=True,
        h1_size=20,
    ),
}


@cache
def _reference_dir() -> Path:
    """A per-process folder for the reference documents (removed at exit)."""
    path = Path(tempfile.mkdtemp(prefix=f"credbridge-pandoc-ref-{os.getpid()}-"))
    atexit.register(shutil.rmtree, path, True)
    return path


@cache
def reference_doc(rid: str) -> Path:
    """Build a reference.docx once per process."""
    dest = _reference_dir() / f"{rid}.docx"
    restyle_reference(dest, **REFERENCES[rid])
    return dest


def pandoc_renderer(rid: str, to_md: Callable[[Resume], tuple[str, list[str]]], notes: str) -> Renderer:
    """pandoc per job (it starts fast), then one soffice call to print the batch."""

    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        outputs = [Output(job=job) for job in jobs]
        made: dict[int, Path] = {}
        try:
            ref = reference_doc(rid)
        except Exception as exc:
            for out in outputs:
                out.error = f"{rid}: building reference.docx failed: {exc}"
            return outputs
        env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(FIXED_TIME.timestamp()))}
        for i, job in enumerate(jobs):
            t0 = time.monotonic()
            try:
                text, meta = to_md(job.resume)
                dest = path_for(job, "docx")
                dest.parent.mkdir(parents=True, exist_ok=True)
                cmd = [
                    PANDOC,
                    "-f",
                    "markdown-smart",
                    "-t",
                    "docx",
                    f"--reference-doc={ref}",
                    *meta,
                    "-o",
                    str(dest),
                ]
                proc = subprocess.run(
                    cmd, input=text.encode("utf-8"), capture_output=True, timeout=PER_JOB_TIMEOUT, env=env
                )
                if proc.returncode != 0 or not dest.exists():
                    raise RuntimeError(proc.stderr.decode("utf-8", "replace")[-300:])
                outputs[i].files["docx"] = made[i] = dest
            except Exception as exc:  # one bad resume never stops the batch
                outputs[i].error = f"{rid}: {type(exc).__name__}: {exc}"
            TIMINGS.append((f"{rid} pandoc", 1, time.monotonic() - t0))
        print_pdfs(jobs, outputs, made)
        return outputs

    return Renderer(
        id=rid,
        family=FAMILY,
        variants=VARIANTS,
        render_batch=render_batch,
        tool=f"pandoc {pandoc_version()} (reference.docx) + LibreOffice {lo_version()} (PDF)",
        notes=notes,
    )


RENDERERS: list[Renderer] = [
    docx_renderer(
        "docx-headings",
        build_docx_headings,
        "python-docx, one column, Title/Heading 1/Heading 2/List Bullet styles; credentials as lines",
    ),
    docx_renderer(
        "docx-table",
        build_docx_table,
        "python-docx, whole resume in a borderless 2-column table; credential slots in a nested "
        "table with the issue date in its own cell",
    ),
    docx_renderer(
        "docx-textbox",
        build_docx_textbox,
        "python-docx + hand-written wps text box (VML fallback) holding the sidebar; credential slots",
    ),
    docx_renderer(
        "docx-plain-bold",
        build_docx_plain_bold,
        "python-docx, Normal style only: bold all-caps headings, right-tab dates; credential slots",
    ),
    odt_renderer(
        "odt-classic", odt_classic, "flat-ODT template, one column, paragraph styles; credentials as lines"
    ),
    odt_renderer("odt-columns", odt_columns, "flat-ODT template, two-column section; credential slots"),
    odt_renderer(
        "odt-frame", odt_frame, "flat-ODT template, sidebar in a page-anchored frame; credentials as lines"
    ),
    pandoc_renderer(
        "pandoc-ref-serif",
        md_serif,
        "pandoc Markdown, title block, serif reference.docx; credentials as lines in a bullet list",
    ),
    pandoc_renderer(
        "pandoc-ref-modern",
        md_modern,
        "pandoc Markdown, sans reference.docx, A4; credential slots in a pipe table",
    ),
]


def main(argv: list[str]) -> int:
    """Smoke test: ``python -m corpus.renderers.office RESUME.json OUTDIR [--only ID] [--copies N]``."""
    args = list(argv)
    only: str | None = None
    copies = 1
    if "--only" in args:
        k = args.index("--only")
        only = args[k + 1]
        del args[k : k + 2]
    if "--copies" in args:
        k = args.index("--copies")
        copies = int(args[k + 1])
        del args[k : k + 2]
    if len(args) != 2:
        print(main.__doc__, file=sys.stderr)
        return 2
    src, outroot = Path(args[0]), Path(args[1])
    resume = json.loads(src.read_text(encoding="utf-8"))
    failed = 0
    for renderer in RENDERERS:
        if only and renderer.id != only:
            continue
        TIMINGS.clear()
        outdir = outroot / renderer.id
        jobs = [
            Job(resume=resume, stem=src.stem + (f"-{n}" if copies > 1 else ""), outdir=outdir)
            for n in range(copies)
        ]
        t0 = time.monotonic()
        outputs = renderer.render_batch(jobs)
        total = time.monotonic() - t0
        print(
            f"{renderer.id} [{renderer.tool}] {total:.2f}s for {len(jobs)} job(s), "
            f"{total / len(jobs):.2f}s/doc"
        )
        for what, n, secs in TIMINGS:
            if n > 1 or what.startswith("soffice"):
                print(f"    {what}: {n} file(s) {secs:.2f}s")
        per_doc = [s for w, n, s in TIMINGS if not w.startswith("soffice")]
        if per_doc:
            print(f"    in-process/pandoc per doc: {sum(per_doc) / len(per_doc):.3f}s")
        for out in outputs[:1]:
            for variant, path in out.files.items():
                print(f"    {variant}: {path}")
        for out in outputs:
            if out.error:
                failed += 1
                print(f"    ERROR {out.job.stem}: {out.error}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
