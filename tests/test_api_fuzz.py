"""Schema-driven fuzzing of every route against the app's own OpenAPI schema:
no 5xx, and no response that breaks the schema it declares. The read-only service
and the one that accepts uploads and corrections and checks tokens (a token configured)
are both fuzzed."""

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.main import create_app
from api.settings import Settings
from graph.corrections import CorrectionsFile
from graph.nx_store import NetworkxStore
from graph.overlay import CorrectedStore
from loaders.pipeline import bundled_plan, read_plan

TOKEN = "fuzz-token"
GRAPH = read_plan(bundled_plan())[1]


def _corrected() -> CorrectedStore:
    """The store as ``plangraph serve`` has it: seen through a (throwaway) corrections file."""
    return CorrectedStore(
        NetworkxStore.in_memory(GRAPH), CorrectionsFile(Path(tempfile.mkdtemp()) / "corrections.jsonl")
    )


public = schemathesis.openapi.from_asgi("/openapi.json", create_app(_corrected(), Settings()))
writer = schemathesis.openapi.from_asgi("/openapi.json", create_app(_corrected(), Settings(api_token=TOKEN))).include(
    tag="plans"
)
editor = schemathesis.openapi.from_asgi("/openapi.json", create_app(_corrected(), Settings(api_token=TOKEN))).include(
    tag="corrections"
)
checker = schemathesis.openapi.from_asgi("/openapi.json", create_app(_corrected(), Settings(api_token=TOKEN))).include(
    tag="auth"
)
FUZZ = settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))


@public.parametrize()
@FUZZ
def test_every_route_keeps_its_contract(case):
    case.call_and_validate()


@writer.parametrize()
@FUZZ
def test_the_upload_route_keeps_its_contract(case):
    # any bytes fit the schema of a file upload, yet most are no readable plan: a 422
    # naming the reason is the documented answer, so only "valid data is accepted" is left out
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance])


@editor.parametrize()
@FUZZ
def test_the_correction_routes_keep_their_contract(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"}, excluded_checks=[positive_data_acceptance])


@checker.parametrize()
@FUZZ
def test_the_token_check_keeps_its_contract(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
    case.call_and_validate(headers={"Authorization": "Bearer not-the-token"})
