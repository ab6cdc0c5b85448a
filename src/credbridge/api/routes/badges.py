"""POST /v1/badges/verify: a badge URL, credential JSON or VC-JWT, or an uploaded baked image."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from fastapi import APIRouter, Request, Response
from pydantic import ValidationError

from credbridge.api.problems import ProblemError, invalid_request
from credbridge.api.routes.common import ServiceDep, problems, read_upload
from credbridge.api.schemas import (
    BADGE_UPLOAD_SCHEMA,
    EXAMPLE_REPORT,
    VERIFY_EXAMPLES,
    BadgeChecks,
    BadgeVerifyRequest,
    dump,
)
from credbridge.model import VerificationReport

router = APIRouter(prefix="/v1", tags=["badges"])

_REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": BadgeVerifyRequest.model_json_schema(),
            "examples": {
                "url": {"summary": "A badge URL", "value": VERIFY_EXAMPLES[0]},
                "jwt": {"summary": "A VC-JWT, checked as of a date", "value": VERIFY_EXAMPLES[1]},
            },
        },
        "multipart/form-data": {"schema": BADGE_UPLOAD_SCHEMA},
    },
}


def _utc(at: datetime | None) -> datetime | None:
    return at.replace(tzinfo=UTC) if at is not None and at.tzinfo is None else at


@router.post(
    "/badges/verify",
    summary="Verify a badge",
    response_model=VerificationReport,
    openapi_extra={"requestBody": _REQUEST_BODY},
    responses={
        200: {
            "description": "The report; `valid` says whether the badge passed every check.",
            "content": {"application/json": {"example": dump(EXAMPLE_REPORT)}},
        },
        **problems(401, 413, 415, 422, 429, 502, 504),
    },
)
async def verify_badge(request: Request, service: ServiceDep) -> Response:
    """Send JSON (`url`, `credential` or `jwt`) or a multipart upload of a baked PNG/SVG or JSON/JWT file.

    Signed credentials (OB 3.0 Data Integrity, VC-JWT) are checked against the issuer's keys;
    hosted OB 2.0 assertions against the issuer's host; then expiry, revocation and recipient.
    """
    from credbridge.badges import averify

    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    data: str | bytes
    if content_type == "multipart/form-data":
        async with request.form(max_files=1, max_fields=4) as form:
            file = form.get("file")
            if file is None or isinstance(file, str):
                raise ProblemError(422, "upload the badge as the form field `file`", code="request.invalid")
            try:
                fields: BadgeChecks = BadgeChecks.model_validate(
                    {"recipient": form.get("recipient") or None, "at": form.get("at") or None}
                )
            except ValidationError as exc:
                raise invalid_request(exc.errors()) from None
            data = (await read_upload(file, service)).data  # type: ignore[arg-type]
    elif content_type in ("application/json", "") or content_type.endswith("+json"):
        try:
            body = BadgeVerifyRequest.model_validate_json(await request.body())
        except ValidationError as exc:
            raise invalid_request(exc.errors()) from None
        fields = body
        # Only a URL travels as str: badges.verify reads other strings as file paths (CLI).
        if body.url is not None:
            data = body.url
        elif body.credential is not None:
            data = json.dumps(body.credential, ensure_ascii=False).encode("utf-8")
        else:
            data = (body.jwt or "").strip().encode("utf-8")
    else:
        raise ProblemError(415, "send application/json or multipart/form-data", code="request.media_type")
    s = service.settings
    report = await averify(
        data,
        documents=s.documents,
        recipient=fields.recipient,
        at=_utc(fields.at),
        offline=s.offline,
        allow_loopback=s.allow_loopback,
    )
    return Response(report.model_dump_json(exclude_none=True), media_type="application/json")
