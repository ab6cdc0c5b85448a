"""Typesetting renderers beyond LaTeX: Typst, groff -ms, WeasyPrint and pandoc Markdown.

Each drives a third-party typesetter with a small template of ours (corpus/renderers/typeset/).
Strings, dates and credential rules come from the helpers in corpus/renderers/latex.py so every
family prints the exact same credential strings (SPEC: "What to render").
"""

from __future__ import annotations

import functools
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from corpus.renderers.base import Job, Output, Renderer, Resume, path_for
from corpus.renderers.latex import (
    TIMEOUT_S,
    cert_dates,
    cert_line,
    cert_name_and_suffix,
    certificates,
    date_range,
    fmt_date,
    headings,
    join_nonempty,
    lang,
    location_text,
    profiles,
    run_batch,
    smoke_main,
)

HERE = Path(__file__).with_name("typeset")
ENV = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")


def _version(cmd: list[str], pattern: str) -> str:
    """First match of ``pattern`` in a tool's --version output ("" when the tool is missing)."""
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.SubprocessError):
        return ""
    m = re.search(pattern, out.stdout + out.stderr)
    return m.group(1) if m else ""


def _pkg_version(name: str) -> str:
    """Installed version of a PyPI distribution ("" when absent)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return ""


def contact_items(resume: Resume) -> list[dict[str, str]]:
    """Contact lines as (text, url) pairs; url is "" when the item is not a link."""
    b = resume.get("basics") or {}
    items = []
    if location_text(resume):
        items.append({"text": location_text(resume), "url": ""})
    if b.get("phone"):
        items.append({"text": b["phone"], "url": ""})
    if b.get("email"):
        items.append({"text": b["email"], "url": "mailto:" + b["email"]})
    if b.get("url"):
        items.append({"text": b["url"], "url": b["url"]})
    for p in profiles(resume):
        items.append(
            {"text": join_nonempty([p.get("network"), p.get("username")], ": "), "url": p.get("url") or ""}
        )
    return items


def view(resume: Resume, date_style: str = "num") -> dict[str, Any]:
    """A flat, template-friendly view of a resume (all strings, "" instead of None)."""
    b = resume.get("basics") or {}

    def s(x: Any) -> str:
        return "" if x is None else str(x)

    certs = []
    for c in certificates(resume):
        line = s(c.get("line"))
        name = s(c.get("name"))
        url = s(c.get("url"))
        if url and not c.get("link_label") and name and name in line:
            i = line.index(name)
            parts = {"before": line[:i], "name": name, "after": line[i + len(name) :], "link": url}
        else:
            parts = {"before": "", "name": line, "after": "", "link": ""}
        certs.append(
            {
                "name": name,
                "issuer": s(c.get("issuer")),
                "id_text": s(c.get("id_text")),
                "issued_text": s(c.get("issued_text")),
                "expires_text": s(c.get("expires_text")),
                "dates": cert_dates(c),
                "url": url,
                "link_label": s(c.get("link_label")) if url else "",
                "url_printed": bool(url and c.get("url_printed")),
                "line": line,
                "line_parts": parts,
            }
        )
    return {
        "name": s(b.get("name")),
        "label": s(b.get("label")),
        "summary": s(b.get("summary")),
        "lang": lang(resume),
        "headings": headings(resume),
        "contact": contact_items(resume),
        "work": [
            {
                "position": s(w.get("position")),
                "company": s(w.get("name")),
                "dates": date_range(w, resume, date_style),
                "summary": s(w.get("summary")),
                "highlights": [s(h) for h in w.get("highlights") or [] if h],
            }
            for w in resume.get("work") or []
        ],
        "education": [
            {
                "title": join_nonempty([e.get("studyType"), e.get("area")]),
                "institution": s(e.get("institution")),
                "dates": date_range(e, resume, date_style),
            }
            for e in resume.get("education") or []
        ],
        "awards": [
            {
                "title": s(a.get("title")),
                "awarder": s(a.get("awarder")),
                "date": fmt_date(a.get("date"), date_style),
                "summary": s(a.get("summary")),
            }
            for a in resume.get("awards") or []
        ],
        "skills": [
            {"name": s(k.get("name")), "keywords": [s(x) for x in k.get("keywords") or []]}
            for k in resume.get("skills") or []
        ],
        "languages": [
            {"language": s(lg.get("language")), "fluency": s(lg.get("fluency"))}
            for lg in resume.get("languages") or []
        ],
        "certs": certs,
    }


# ---------------------------------------------------------------------------------------------
# Typst (PyPI `typst`): templates read the view as JSON from sys.inputs, so no escaping is needed
# ---------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1)
def _typst_fonts() -> Any:
    """Scan fonts once per process (embedded Typst fonts + Debian's system fonts)."""
    import typst

    return typst.Fonts(include_system_fonts=True, include_embedded_fonts=True)


def typst_renderer(rid: str, template: str, date_style: str) -> Renderer:
    """A Typst renderer compiling ``typeset/<template>.typ`` in-process."""

    def one(job: Job) -> Output:
        import typst

        source = (HERE / f"{template}.typ").read_bytes()
        data = json.dumps(view(job.resume, date_style), ensure_ascii=False)
        pdf = typst.compile(
            source, root=str(HERE), font_paths=_typst_fonts(), format="pdf", sys_inputs={"data": data}
        )
        if not isinstance(pdf, bytes):
            raise RuntimeError("typst returned no PDF")
        out = path_for(job, "pdf")
        out.write_bytes(pdf)
        return Output(job=job, files={"pdf": out})

    def render_batch(jobs: Sequence[Job]) -> list[Output]:
        return run_batch(jobs, one)

    return Renderer(
        id=rid,
        family="typst",
        variants=("pdf",),
        render_batch=render_batch,
        tool=f"typst (PyPI typst {_pkg_version('typst')})",
        notes=f"template corpus/renderers/typeset/{template}.typ",
    )


# ---------------------------------------------------------------------------------------------
# groff -ms -Tpdf (gropdf), links with pdfhref
# ---------------------------------------------------------------------------------------------


def roff(s: Any) -> str:
    """Escape text for troff: backslashes, and a leading . or ' that would start a request."""
    return re.sub(r"\s+", " ", str(s or "")).replace("\\", r"\e")


def roff_line(s: str) -> str:
    """One input line of text, protected against being read as a request."""
    return r"\&" + s if s else ""


def _affix(s: str) -> str:
    """Text glued after a pdfhref link (-A): quotes escaped, a leading space kept as "\\ "."""
    text = roff(s).replace('"', r"\(dq")
    return "\\ " + text[1:] if text.startswith(" ") else text


def _href(url: str, text: str) -> str:
    """A pdfhref web link (gropdf turns it into a PDF link annotation)."""
    return f".pdfhref W -D {url.replace(' ', '%20')} -- {roff(text)}"


def build_groff(resume: Resume) -> str:
    """An -ms document: .SH headings, .IP entries; certificates print their ``line``."""
    v = view(resume, "iso")
    h = v["headings"]
    out = [
        ".mso pdfmark.tmac",
        ".nr PS 10",
        ".nr VS 12",
        ".nr PO 1i",
        ".nr LL 6.3i",
        ".nr HM 0.6i",
        ".ds CH",
        ".ND",
        ".fam H",
        ".hy 0",
        ".pdfinfo /Title " + roff(v["name"]),
        ".LP",
        ".ce 2",
        r"\s[+8]\fB" + roff(v["name"]) + r"\fP\s0",
        roff_line(roff(v["label"])),
        ".sp 0.5",
    ]

    def head(key: str) -> None:
        if key in h:
            out.extend([".SH", roff_line(roff(h[key]))])
        else:
            out.extend([".sp 0.5"])

    if v["contact"]:
        out += [".ce 100"] if "contact" not in h else []
        if "contact" in h:
            head("contact")
        out.append(".LP")
        for c in v["contact"]:
            out.append(_href(c["url"], c["text"]) if c["url"] else roff_line(roff(c["text"])))
            out.append(".br")
    if v["summary"]:
        head("summary")
        out += [".LP", roff_line(roff(v["summary"]))]
    if v["work"]:
        head("work")
        for w in v["work"]:
            out += [
                ".LP",
                roff_line(r"\fB" + roff(w["position"]) + r"\fP, " + roff(w["company"]))
                + r" \(em "
                + r"\fI"
                + roff(w["dates"])
                + r"\fP",
            ]
            if w["summary"]:
                out += [".br", roff_line(roff(w["summary"]))]
            for hl in w["highlights"]:
                out += [r".IP \(bu 2", roff_line(roff(hl))]
    if v["education"]:
        head("education")
        for e in v["education"]:
            out += [
                ".LP",
                roff_line(
                    r"\fB"
                    + roff(e["title"])
                    + r"\fP, "
                    + roff(e["institution"])
                    + r" \(em \fI"
                    + roff(e["dates"])
                    + r"\fP"
                ),
            ]
    if v["certs"]:
        head("certificates")
        for c in v["certs"]:
            out.append(r".IP \(bu 2")
            p = c["line_parts"]
            if p["link"]:
                out += [
                    roff_line(roff(p["before"])) + r"\c" if p["before"] else "",
                    f'.pdfhref W -D {p["link"]} -A "{_affix(p["after"])}" -- {roff(p["name"])}',
                ]
            else:
                out.append(roff_line(roff(c["line"])))
            if c["link_label"]:
                out.append(_href(c["url"], c["link_label"]))
            if c["url_printed"]:
                out.append(_href(c["url"], c["url"]))
    if v["awards"]:
        head("awards")
        for a in v["awards"]:
            out += [
                ".LP",
                roff_line(
                    r"\fB" + roff(a["title"]) + r"\fP, " + roff(a["awarder"]) + r" \(em " + roff(a["date"])
                ),
            ]
            if a["summary"]:
                out += [".br", roff_line(roff(a["summary"]))]
    if v["skills"]:
        head("skills")
        for s in v["skills"]:
            out += [".LP", roff_line(r"\fB" + roff(s["name"]) + r":\fP " + roff(", ".join(s["keywords"])))]
    if v["languages"]:
        head("languages")
        out += [
            ".LP",
            roff_line(roff(" · ".join(f"{lg['language']} ({lg['fluency']})" for lg in v["languages"]))),
        ]
    return "\n".join(x for x in out if x) + "\n"


def _groff_one(job: Job) -> Output:
    """groff -k (preconv: UTF-8 input) -ms -Tpdf; one process per document (it starts fast)."""
    src = build_groff(job.resume)
    proc = subprocess.run(
        ["groff", "-k", "-ms", "-Tpdf", "-dpaper=a4", "-P-pa4"],
        input=src.encode("utf-8"),
        capture_output=True,
        timeout=TIMEOUT_S,
        env=ENV,
    )
    if proc.returncode != 0 or not proc.stdout.startswith(b"%PDF"):
        raise RuntimeError(f"groff exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[:300]}")
    out = path_for(job, "pdf")
    out.write_bytes(proc.stdout)
    return Output(job=job, files={"pdf": out})


# ---------------------------------------------------------------------------------------------
# WeasyPrint: HTML + CSS of ours; certificates in slots (name / issuer / dates / id)
# ---------------------------------------------------------------------------------------------


def _a(url: str, text: str) -> str:
    """An HTML link with escaped text."""
    return f'<a href="{html.escape(url, quote=True)}">{html.escape(text)}</a>'


def build_html(resume: Resume) -> str:
    """A two-column CSS-grid resume page for WeasyPrint (fonts from Debian only, no network)."""
    v = view(resume, "dot")
    h = v["headings"]
    e = html.escape

    def head(key: str) -> str:
        return f"<h2>{e(h[key])}</h2>" if key in h else ""

    side = [f"<h1>{e(v['name'])}</h1>", f"<p class='label'>{e(v['label'])}</p>" if v["label"] else ""]
    if v["contact"]:
        side.append(
            head("contact")
            + "<ul class='contact'>"
            + "".join(
                f"<li>{_a(c['url'], c['text']) if c['url'] else e(c['text'])}</li>" for c in v["contact"]
            )
            + "</ul>"
        )
    if v["skills"]:
        side.append(
            head("skills")
            + "".join(f"<p><b>{e(s['name'])}</b><br>{e(', '.join(s['keywords']))}</p>" for s in v["skills"])
        )
    if v["languages"]:
        side.append(
            head("languages")
            + "<ul>"
            + "".join(f"<li>{e(lg['language'])}: {e(lg['fluency'])}</li>" for lg in v["languages"])
            + "</ul>"
        )
    main = []
    if v["summary"]:
        main.append(head("summary") + f"<p>{e(v['summary'])}</p>")
    if v["work"]:
        main.append(
            head("work")
            + "".join(
                f"<div class='entry'><div class='when'>{e(w['dates'])}</div><div><b>{e(w['position'])}</b>"
                f"<div class='org'>{e(w['company'])}</div>"
                + (f"<p>{e(w['summary'])}</p>" if w["summary"] else "")
                + (
                    "<ul>" + "".join(f"<li>{e(x)}</li>" for x in w["highlights"]) + "</ul>"
                    if w["highlights"]
                    else ""
                )
                + "</div></div>"
                for w in v["work"]
            )
        )
    if v["education"]:
        main.append(
            head("education")
            + "".join(
                f"<div class='entry'><div class='when'>{e(x['dates'])}</div><div><b>{e(x['title'])}</b>"
                f"<div class='org'>{e(x['institution'])}</div></div></div>"
                for x in v["education"]
            )
        )
    certs = certificates(resume)
    if certs:
        rows = []
        for c in certs:
            name, suffix = cert_name_and_suffix(c, e, _a, lambda u: _a(u, u))
            rows.append(
                f"<div class='entry'><div class='when'>{e(cert_dates(c))}</div><div><b>{name}</b>{suffix}"
                + "".join(f"<div class='org'>{e(t)}</div>" for t in (c.get("issuer"), c.get("id_text")) if t)
                + "</div></div>"
            )
        main.append(head("certificates") + "".join(rows))
    if v["awards"]:
        main.append(
            head("awards")
            + "".join(
                f"<div class='entry'><div class='when'>{e(a['date'])}</div><div><b>{e(a['title'])}</b>"
                f"<div class='org'>{e(a['awarder'])}</div><p>{e(a['summary'])}</p></div></div>"
                for a in v["awards"]
            )
        )
    css = (HERE / "weasy.css").read_text(encoding="utf-8")
    return (
        f"<!DOCTYPE html><html lang='{e(v['lang'])}'><head><meta charset='utf-8'>"
        f"<title>{e(v['name'])}</title>"
        f"<style>{css}</style></head><body><aside>{''.join(side)}</aside><main>{''.join(main)}</main>"
        "</body></html>"
    )


def _weasy_batch(jobs: Sequence[Job]) -> list[Output]:
    """WeasyPrint in-process, one document after the other (it holds the GIL; threads gain nothing)."""

    def one(job: Job) -> Output:
        from weasyprint import HTML

        out = path_for(job, "pdf")
        HTML(string=build_html(job.resume), base_url=str(HERE)).write_pdf(out)
        return Output(job=job, files={"pdf": out})

    return run_batch(jobs, one, workers=1)


# ---------------------------------------------------------------------------------------------
# pandoc: Markdown (variant "md") -> PDF via xelatex (variant "pdf"); certificates print ``line``
# ---------------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#+|!$~^])")


def md(s: Any) -> str:
    """Escape Markdown inline specials (pandoc's markdown) and collapse whitespace."""
    text = re.sub(r"\s+", " ", str(s or ""))  # keep edge spaces: cert_line splits around the name
    return _MD_SPECIAL.sub(r"\\\1", text)


def _md_link(url: str, text: str) -> str:
    """A Markdown link around already-escaped text."""
    return f"[{text}](<{url}>)"


def build_markdown(resume: Resume) -> str:
    """A Markdown resume as people write them: # name, ## sections, bullet lists."""
    v = view(resume, "iso")
    h = v["headings"]
    out = [f"# {md(v['name'])}", ""]
    if v["label"]:
        out += [f"**{md(v['label'])}**", ""]

    def head(key: str) -> None:
        out.extend([f"## {md(h[key])}", ""] if key in h else ["---", ""])

    if v["contact"]:
        if "contact" in h:
            head("contact")
        out += [
            " · ".join(
                _md_link(c["url"], md(c["text"])) if c["url"] else md(c["text"]) for c in v["contact"]
            ),
            "",
        ]
    if v["summary"]:
        head("summary")
        out += [md(v["summary"]), ""]
    if v["work"]:
        head("work")
        for w in v["work"]:
            out += [f"### {md(w['position'])}, {md(w['company'])}", "", f"*{md(w['dates'])}*", ""]
            if w["summary"]:
                out += [md(w["summary"]), ""]
            out += [f"- {md(x)}" for x in w["highlights"]] + [""]
    if v["education"]:
        head("education")
        out += [
            f"- **{md(x['title'])}**, {md(x['institution'])} ({md(x['dates'])})" for x in v["education"]
        ] + [""]
    certs = certificates(resume)
    if certs:
        head("certificates")
        out += [f"- {cert_line(c, md, _md_link, lambda u: _md_link(u, md(u)))}" for c in certs] + [""]
    if v["awards"]:
        head("awards")
        out += [
            f"- **{md(a['title'])}**, {md(a['awarder'])}, {md(a['date'])}"
            + (f". {md(a['summary'])}" if a["summary"] else "")
            for a in v["awards"]
        ] + [""]
    if v["skills"]:
        head("skills")
        out += [f"- **{md(s['name'])}:** {md(', '.join(s['keywords']))}" for s in v["skills"]] + [""]
    if v["languages"]:
        head("languages")
        out += [f"- {md(lg['language'])}: {md(lg['fluency'])}" for lg in v["languages"]] + [""]
    return "\n".join(out)


def _pandoc_one(job: Job) -> Output:
    """Write the Markdown, then let pandoc turn it into a PDF with xelatex and DejaVu fonts."""
    md_path = path_for(job, "md")
    md_path.write_text(build_markdown(job.resume), encoding="utf-8")
    pdf_path = path_for(job, "pdf")
    with tempfile.TemporaryDirectory(prefix="cb-pandoc-") as tmp:
        tmp_pdf = Path(tmp) / "cv.pdf"
        cmd = [
            "pandoc",
            str(md_path.resolve()),
            "-f",
            "markdown",
            "-o",
            str(tmp_pdf),
            "--pdf-engine=xelatex",
            "-V",
            "geometry:margin=2cm",
            "-V",
            "mainfont=DejaVu Serif",
            "-V",
            "sansfont=DejaVu Sans",
            "-V",
            "monofont=DejaVu Sans Mono",
            "-V",
            "colorlinks=true",
            "-V",
            "pagestyle=empty",
            "-V",
            f"lang={lang(job.resume)}",
            "--resource-path",
            tmp,
        ]
        proc = subprocess.run(
            cmd, cwd=tmp, capture_output=True, timeout=TIMEOUT_S, env=ENV, stdin=subprocess.DEVNULL
        )
        if proc.returncode != 0 or not tmp_pdf.exists():
            raise RuntimeError(
                f"pandoc exit {proc.returncode}: {proc.stderr.decode('utf-8', 'replace')[-300:]}"
            )
        shutil.copyfile(tmp_pdf, pdf_path)
    return Output(job=job, files={"md": md_path, "pdf": pdf_path})


# ---------------------------------------------------------------------------------------------
# The registry
# ---------------------------------------------------------------------------------------------

_GROFF = _version(["groff", "--version"], r"groff version ([\d.]+)")
_PANDOC = _version(["pandoc", "--version"], r"pandoc ([\d.]+)")
_TEXLIVE = _version(["xelatex", "--version"], r"(TeX Live \d{4})")

RENDERERS: list[Renderer] = [
    typst_renderer("typst-plain", "plain", "iso"),
    typst_renderer("typst-sidebar", "sidebar", "num"),
    Renderer(
        id="groff-ms",
        family="groff",
        variants=("pdf",),
        render_batch=lambda jobs: run_batch(jobs, _groff_one),
        tool=f"GNU groff {_GROFF} -ms via gropdf (Debian groff)",
    ),
    Renderer(
        id="weasyprint-grid",
        family="weasyprint",
        variants=("pdf",),
        render_batch=_weasy_batch,
        tool=f"WeasyPrint {_pkg_version('weasyprint')} (PyPI)",
        notes="HTML+CSS template in corpus/renderers/typeset/weasy.css",
    ),
    Renderer(
        id="pandoc-md-xelatex",
        family="pandoc",
        variants=("md", "pdf"),
        render_batch=lambda jobs: run_batch(jobs, _pandoc_one),
        tool=f"pandoc {_PANDOC} default LaTeX template via xelatex ({_TEXLIVE})",
    ),
]


if __name__ == "__main__":
    raise SystemExit(smoke_main(RENDERERS, sys.argv[1:]))
