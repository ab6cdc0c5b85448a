"""Property-based run of schemathesis against the service's own OpenAPI: no request gives a 5xx.

Every operation gets its documented examples, then valid and invalid generated requests, with a
fixed seed and a bounded number of examples so the module stays well under 90 s on two cores.
The service runs offline, so nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from credbridge.api.server import running
from credbridge.api.settings import Settings

EXAMPLES_PER_MODE = 25


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.schemas.BaseSchema:
    tmp: Path = tmp_path_factory.mktemp("fuzz")
    with running(Settings(jobs_db=tmp / "jobs.sqlite3", workers=1, offline=True, max_job_files=5)) as url:
        yield schemathesis.openapi.from_url(f"{url}/openapi.json")


def _fuzz(strategy: st.SearchStrategy[schemathesis.Case], examples: int) -> None:
    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def run(case: schemathesis.Case) -> None:
        response = case.call(timeout=30)
        case.validate_response(response, checks=[not_a_server_error])

    run()


@pytest.mark.timeout(90)
def test_no_request_makes_the_service_fail(api_schema: schemathesis.schemas.BaseSchema) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 10
    for operation in operations:
        for strategy in api_schema.get_strategies_from_examples(operation):
            _fuzz(strategy, 3)
        _fuzz(operation.as_strategy(generation_mode=GenerationMode.POSITIVE), EXAMPLES_PER_MODE)
        with contextlib.suppress(Unsatisfiable):  # nothing to make invalid (GET /healthz takes no input)
            _fuzz(operation.as_strategy(generation_mode=GenerationMode.NEGATIVE), EXAMPLES_PER_MODE)
