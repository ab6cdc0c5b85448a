"""POST /v1/translate, POST /v1/skills/match and GET /v1/adapters: JSON in, JSON out."""

from __future__ import annotations

from functools import partial

from fastapi import APIRouter, Response

from credbridge.api.routes.common import ServiceDep, problems
from credbridge.api.schemas import (
    EXAMPLE_ADAPTERS,
    EXAMPLE_MATCH,
    EXAMPLE_TRANSLATION,
    AdapterInfo,
    SkillsMatchRequest,
    TranslateRequest,
    dump,
)
from credbridge.model import SkillMatch, Translation
from credbridge.targets import available, get

router = APIRouter(prefix="/v1")


@router.post(
    "/translate",
    summary="Translate a profile for a hiring platform",
    tags=["translate"],
    response_model=Translation,
    responses={
        200: {"content": {"application/json": {"example": dump(EXAMPLE_TRANSLATION)}}},
        **problems(401, 413, 422, 429),
    },
)
async def translate(body: TranslateRequest) -> Response:
    """The target's record and the loss report: what the platform cannot carry and what became of it.

    Adapters are quick and pure, so this runs on the event loop without a pool round trip.
    """
    translation = get(body.target).translate(body.as_profile())
    return Response(translation.model_dump_json(exclude_none=True), media_type="application/json")


@router.post(
    "/skills/match",
    summary="Map skill phrases to ESCO and O*NET",
    tags=["skills"],
    response_model=list[SkillMatch],
    responses={
        200: {"content": {"application/json": {"example": [dump(EXAMPLE_MATCH)]}}},
        **problems(401, 413, 422, 429, 503),
    },
)
async def skills_match(body: SkillsMatchRequest, service: ServiceDep) -> Response:
    """The best match per taxonomy and the alternatives, for each phrase, in order."""
    from credbridge.taxonomy import match

    matches = await service.pool.run(partial(match, body.phrases))
    content = b"[" + b",".join(m.model_dump_json(exclude_none=True).encode() for m in matches) + b"]"
    return Response(content, media_type="application/json")


@router.get(
    "/adapters",
    summary="List the translation targets",
    tags=["translate"],
    response_model=list[AdapterInfo],
    responses={
        200: {"content": {"application/json": {"example": [dump(a) for a in EXAMPLE_ADAPTERS]}}},
        **problems(401, 429),
    },
)
async def adapters() -> list[AdapterInfo]:
    """Every installed target (built-in or from a third-party package), by name."""
    return [
        AdapterInfo(name=name, title=adapter.title, media_type=adapter.media_type)
        for name, adapter in sorted(available().items())
    ]
