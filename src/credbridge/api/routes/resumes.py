"""POST /v1/resumes: one resume in, its CandidateProfile (or a target's record) out."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Query, Response, UploadFile
from fastapi.responses import JSONResponse

from credbridge.api.routes.common import ServiceDep, problems, read_upload
from credbridge.api.schemas import EXAMPLE_PROFILE, dump
from credbridge.model import CandidateProfile
from credbridge.targets import get as get_adapter

router = APIRouter(prefix="/v1", tags=["resumes"])

TargetQuery = Annotated[
    str | None,
    Query(
        max_length=64, description="Return this target's record instead of the profile (GET /v1/adapters)."
    ),
]
ResolveQuery = Annotated[
    bool, Query(description="Follow and verify the badge links found in the resume; false is faster.")
]


@router.post(
    "/resumes",
    summary="Parse one resume",
    response_model=CandidateProfile,
    responses={
        200: {
            "description": "The CandidateProfile, or with ?target= the target's record in its media type.",
            "content": {"application/json": {"example": dump(EXAMPLE_PROFILE)}},
        },
        **problems(401, 413, 422, 429, 503, 504),
    },
)
async def upload_resume(
    service: ServiceDep,
    file: Annotated[UploadFile, File(description="A resume: PDF, DOCX, HTML, text or Markdown.")],
    target: TargetQuery = None,
    resolve: ResolveQuery = True,
) -> Response:
    """Read the resume, find its credentials, verify its badge links and map its skills.

    Nothing from the file is kept after the response: it is parsed in memory and forgotten.
    """
    adapter = get_adapter(target) if target else None  # an unknown target fails before parsing
    upload = await read_upload(file, service)
    profile = await service.parse(upload, resolve=resolve)
    if adapter is None:
        return Response(profile.model_dump_json(exclude_none=True), media_type="application/json")
    translation = adapter.translate(profile)
    headers = {"X-Credbridge-Losses": str(len(translation.losses))}
    if isinstance(translation.record, str):
        return Response(translation.record, media_type=translation.media_type, headers=headers)
    return JSONResponse(translation.record, media_type=translation.media_type, headers=headers)
