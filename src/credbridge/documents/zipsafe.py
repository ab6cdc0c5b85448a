"""Check a DOCX archive before any XML in it is parsed: zip bombs and DTDs are refused.

python-docx reads every part it needs in full, so the declared sizes in the zip directory are
checked first (zipfile never inflates a member past its declared size, so these bound memory).
DOCX parts never carry a document type declaration; one that does is refused, so that no
entity expansion (billion laughs, external entities) can happen whatever parser reads it later.

zipfile signals what it cannot read with RuntimeError (an encrypted member), NotImplementedError
(deflate64 and other methods, flag bits 5 and 6, a "zip version 12.2") and zlib.error (corrupt
deflate data): none of these is an OSError. Each member's headers are checked here, before any
reader touches it, and whatever zipfile still raises is turned into UnreadableDocument.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from xml.parsers import expat

from credbridge.documents.limits import (
    MAX_ZIP_MEMBERS,
    MAX_ZIP_RATIO,
    MAX_ZIP_TOTAL_BYTES,
    ZIP_RATIO_MIN_BYTES,
)
from credbridge.errors import InputError, UnreadableDocument


class _RootReached(Exception):
    """Raised by the prologue scan at the root element: no DTD can follow it."""


class _DTDFound(Exception):
    pass


ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    RuntimeError,  # also NotImplementedError and RecursionError
    ValueError,
    OSError,
    EOFError,
)
"""What zipfile (and the inflater under it) raises for a damaged or unsupported archive."""

_OPC_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
"""The compression methods the Open Packaging Conventions allow (ECMA-376 part 2): Word and
LibreOffice write nothing else, so anything else is refused before it reaches a decompressor."""
# compressor_names is an undocumented zipfile global that typeshed's stub does not declare.
_METHOD_NAMES: dict[int, str] = {
    **zipfile.compressor_names,  # type: ignore[attr-defined]
    99: "WinZip AES encryption",
}
_ENCRYPTED = 0x1
_PATCHED_DATA = 0x20
_STRONG_ENCRYPTION = 0x40


_XML_PART_ERRORS: tuple[type[Exception], ...] = (expat.ExpatError, LookupError, *ZIP_ERRORS)
"""What reading a DOCX XML part raises when it is damaged. LookupError: expat asks Python for the
codec the XML declaration names ("UTD-8")."""


def open_archive(data: bytes, file: str) -> zipfile.ZipFile:
    """Open a zip archive, or raise UnreadableDocument saying why it cannot be listed."""
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except NotImplementedError as exc:  # "zip file version 12.2": no DOCX writer needs it
        raise UnreadableDocument(
            f"{file}: damaged zip archive: it needs an unsupported zip feature ({exc})"
        ) from None
    except ZIP_ERRORS:
        raise UnreadableDocument(f"{file}: damaged zip archive: cannot list its members") from None


def member_problem(member: zipfile.ZipInfo) -> str | None:
    """Why zipfile could not read this member (encrypted, an unsupported method), or None.

    Checked from the directory entry alone, so that no decompressor ever sees such a member.
    """
    if member.flag_bits & (_ENCRYPTED | _STRONG_ENCRYPTION):
        return "is encrypted (a password-protected zip member, which no word processor writes)"
    if member.flag_bits & _PATCHED_DATA:
        return "holds compressed patched data (zip flag bit 5), which no word processor writes"
    if member.compress_type not in _OPC_METHODS:
        method = _METHOD_NAMES.get(member.compress_type, "unknown")
        return (
            f"uses compression method {member.compress_type} ({method}); "
            "a DOCX may only be stored or deflated"
        )
    return None


def check_docx_archive(data: bytes, file: str) -> None:
    """Raise InputError for a zip bomb or a DTD, UnreadableDocument for a damaged archive."""
    archive = open_archive(data, file)
    with archive:
        members = archive.infolist()
        if len(members) > MAX_ZIP_MEMBERS:
            raise InputError(
                f"{file}: DOCX has {len(members)} zip members (the limit is {MAX_ZIP_MEMBERS}): "
                "refused as a zip bomb",
                code="input.zip_bomb",
            )
        total = sum(member.file_size for member in members)
        if total > MAX_ZIP_TOTAL_BYTES:
            raise InputError(
                f"{file}: DOCX would inflate to {total // (1024 * 1024)} MiB "
                f"(the limit is {MAX_ZIP_TOTAL_BYTES // (1024 * 1024)} MiB): refused as a zip bomb",
                code="input.zip_bomb",
            )
        for member in members:
            if member.file_size >= ZIP_RATIO_MIN_BYTES and member.file_size > MAX_ZIP_RATIO * max(
                1, member.compress_size
            ):
                raise InputError(
                    f"{file}: DOCX member {member.filename} is compressed "
                    f"{member.file_size // max(1, member.compress_size)} to 1 "
                    f"(the limit is {MAX_ZIP_RATIO}): refused as a zip bomb",
                    code="input.zip_bomb",
                )
        for member in members:
            if problem := member_problem(member):
                raise UnreadableDocument(f"{file}: DOCX member {member.filename} {problem}")
        for member in members:
            if member.filename.endswith((".xml", ".rels")):
                _refuse_dtd(archive, member, file)


def _refuse_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo, file: str) -> None:
    """Scan the member's prologue (up to its root element) for a DOCTYPE."""
    parser = expat.ParserCreate()

    def on_doctype(*_: object) -> None:
        raise _DTDFound

    def on_root(*_: object) -> None:
        raise _RootReached

    parser.StartDoctypeDeclHandler = on_doctype
    parser.EntityDeclHandler = on_doctype
    parser.StartElementHandler = on_root
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(16384):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except _DTDFound:
        raise InputError(
            f"{file}: DOCX part {member.filename} declares a DTD/entities, which Word never writes: refused",
            code="input.unsafe_xml",
        ) from None
    except _XML_PART_ERRORS as exc:
        raise UnreadableDocument(f"{file}: DOCX part {member.filename} is damaged: {exc}") from None
