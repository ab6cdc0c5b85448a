"""POST /v1/jobs, GET and DELETE /v1/jobs/{job_id}: many resumes, parsed in the background."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import Annotated

from fastapi import APIRouter, File, Path, Response, UploadFile
from fastapi.responses import JSONResponse

from credbridge.api.jobs import Job
from credbridge.api.problems import ProblemError
from credbridge.api.routes.common import Caller, ServiceDep, problems, read_upload
from credbridge.api.routes.resumes import ResolveQuery, TargetQuery
from credbridge.api.schemas import EXAMPLE_PROFILE, dump
from credbridge.targets import get as get_adapter

router = APIRouter(prefix="/v1", tags=["jobs"])

JobId = Annotated[str, Path(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_-]+$")]

_JOB_EXAMPLE = {
    "id": "q3v6Vw1mJx0Qj8m0n2W5bA",
    "status": "running",
    "total": 2,
    "completed": 1,
    "failed": 1,
    "created_at": "2026-11-23T18:00:00Z",
    "expires_at": "2026-11-23T19:00:00Z",
    "files": [
        {"index": 0, "name": "alex.pdf", "status": "done", "profile": dump(EXAMPLE_PROFILE)},
        {
            "index": 1,
            "name": "scan.pdf",
            "status": "failed",
            "error": {
                "type": "urn:credbridge:problem:document.unreadable",
                "title": "File failed",
                "status": 422,
                "detail": "scan.pdf: the PDF has no text layer",
                "code": "document.unreadable",
            },
        },
    ],
}


def _not_found(job_id: str) -> ProblemError:
    return ProblemError(404, f"no job {job_id}: it never existed, expired, or belongs to another key",
                        code="job.not_found")  # fmt: skip


@router.post(
    "/jobs",
    summary="Start a batch of resumes",
    status_code=202,
    response_model=Job,
    responses={
        202: {
            "description": "Accepted; poll the Location.",
            "content": {"application/json": {"example": _JOB_EXAMPLE}},
        },
        **problems(401, 413, 422, 429),
    },
)
async def create_job(
    service: ServiceDep,
    caller: Caller,
    files: Annotated[list[UploadFile], File(description="The resumes, as repeated `files` fields.")],
    target: TargetQuery = None,
    resolve: ResolveQuery = True,
) -> JSONResponse:
    """Answer at once with the job; its results stay readable until `expires_at`, then are deleted."""
    if target:
        get_adapter(target)
    limit = service.settings.max_job_files
    if len(files) > limit:
        raise ProblemError(413, f"{len(files)} files; a job takes at most {limit}", code="job.too_many_files")
    uploads, total, cap = [], 0, service.settings.max_job_bytes
    for file in files:
        uploads.append(await read_upload(file, service))
        total += len(uploads[-1].data)
        if total > cap:  # what one job may make the server hold (and keep until it is done)
            raise ProblemError(
                413, f"the job's files are larger than the {cap / 2**20:g} MiB one job may hold",
                code="job.too_large",
            )  # fmt: skip
    assert service.jobs is not None
    job_id = await asyncio.to_thread(
        partial(service.jobs.create, caller, [(u.name, u.data) for u in uploads], target, resolve=resolve)
    )
    service.submit_job(job_id, uploads, resolve=resolve, target=target)
    job = await asyncio.to_thread(service.jobs.get, job_id, caller)
    assert job is not None
    return JSONResponse(
        job.model_dump(mode="json", exclude_none=True),
        status_code=202,
        headers={"Location": f"/v1/jobs/{job_id}"},
    )


@router.get(
    "/jobs/{job_id}",
    summary="Progress and results of a batch",
    response_model=Job,
    responses={
        200: {"content": {"application/json": {"example": _JOB_EXAMPLE}}},
        **problems(401, 404, 422, 429),
    },
)
async def get_job(job_id: JobId, service: ServiceDep, caller: Caller) -> Response:
    """Every file's status; finished files carry their profile (or record) or a problem."""
    assert service.jobs is not None
    job = await asyncio.to_thread(service.jobs.get, job_id, caller)
    if job is None:
        raise _not_found(job_id)
    return Response(job.model_dump_json(exclude_none=True), media_type="application/json")


@router.delete(
    "/jobs/{job_id}",
    summary="Delete a batch and its results now",
    status_code=204,
    responses={204: {"description": "Deleted."}, **problems(401, 404, 422, 429)},
)
async def delete_job(job_id: JobId, service: ServiceDep, caller: Caller) -> Response:
    """Forget the job's results before they expire (a running job's remaining files are dropped)."""
    assert service.jobs is not None
    if not await asyncio.to_thread(service.jobs.delete, job_id, caller):
        raise _not_found(job_id)
    return Response(status_code=204)
