"""Check a DOCX archive before any XML in it is parsed: zip bombs and DTDs are refused.

python-docx reads every part it needs in full, so the declared sizes in the zip directory are
checked first (zipfile never inflates a member past its declared size, so these bound memory).
DOCX parts never carry a document type declaration; one that does is refused, so that no
entity expansion (billion laughs, external entities) can happen whatever parser reads it later.
"""

from __future__ import annotations

import io
import zipfile
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


def check_docx_archive(data: bytes, file: str) -> None:
    """Raise InputError for a zip bomb or a DTD, UnreadableDocument for a damaged archive."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UnreadableDocument(f"{file}: DOCX is not a zip archive (or the archive is damaged)") from None
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
    except (expat.ExpatError, zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise UnreadableDocument(f"{file}: DOCX part {member.filename} is damaged: {exc}") from None
