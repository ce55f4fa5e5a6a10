"""Generated requests against the embedded app (SQLite, in-process ASGI), as a signed-in user.

Schemathesis builds valid and invalid requests for every operation of the OpenAPI document;
no answer may be a server error, and every answer must match what the document declares
(status, content type, body schema, headers). Examples are few and derandomized, so the run is
short and the same each time.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.core.result import Ok
from schemathesis.python import asgi
from sqlalchemy.engine import make_url

from tests.api.helpers import PASSWORD, unique_email
from tests.conftest import make_settings
from vinyldigger.api.app import create_app
from vinyldigger.core.context import AppContext
from vinyldigger.core.migrations import upgrade

# Linking Discogs talks to Discogs itself: an answer from there is not this API's to check.
UPSTREAM_OPERATIONS = ("discogs-link-token", "discogs-oauth-start")
MAX_EXAMPLES = 20
SEARCH: dict[str, Any] = {
    "name": "Nico",
    "criteria": {"keywords": "Nico Chelsea Girl", "price_max": "40"},
}
# Operations whose valid requests also obey a rule no JSON schema can state: a 422 from these
# is the rule at work, not a refusal of what the document promises. Every other check applies.
RULES_BEYOND_THE_SCHEMA = {
    "auth-register": "the password must not be easy to guess (zxcvbn)",
    "auth-update-me": "a new e-mail or password needs the right current password",
    "credentials-put": "the body's shape depends on the service named in the path",
    "searches-create": "keywords or the want list; price_min must not exceed price_max",
    "searches-update": "keywords or the want list; price_min must not exceed price_max",
    "alerts-preferences-put": "both ends of the quiet hours or neither; a known time zone",
    "alerts-rules-create": "the search_id must name one of the user's saved searches",
    "alerts-rules-put": "the search_id must name one of the user's saved searches",
    "alerts-push-add": "Apprise must recognise the URL",
    "alerts-unsubscribe": "the token must carry the instance's signature",
    "alerts-unsubscribe-one-click": "the token must carry the instance's signature",
}


class QueueingDispatcher:
    """Accepts jobs without running them: run requests answer 202 instead of 503."""

    def __init__(self) -> None:
        self.jobs: list[tuple[str, dict[str, int] | None]] = []

    def enqueue(self, name: str, args: dict[str, int] | None = None) -> None:
        self.jobs.append((name, args))


def _embedded_app(data_dir: Path) -> Any:
    app_settings = make_settings(
        data_dir,
        # Nothing listens there: a call that slipped through fails at once, offline.
        VINYLDIGGER_DISCOGS_BASE_URL="http://127.0.0.1:9",
        VINYLDIGGER_EBAY_BASE_URL="http://127.0.0.1:9",
        VINYLDIGGER_WEB_DIR=data_dir / "no-web-app",
    )
    upgrade(app_settings.effective_database_url)
    context = AppContext.build(app_settings)
    context.dispatcher = QueueingDispatcher()
    return create_app(app_settings, context=context, run_jobs=False)


@pytest.fixture(scope="module")
def embedded_app(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _embedded_app(tmp_path_factory.mktemp("schemathesis"))


@pytest.fixture(scope="module")
def signed_in(embedded_app: Any) -> dict[str, str]:
    email = unique_email("schemathesis")
    with asgi.get_client(embedded_app) as client:
        registered = client.post(
            "/api/v1/auth/register", json={"email": email, "password": PASSWORD}
        )
        assert registered.status_code == 201, registered.text
        # An administrator, so the admin operations are exercised past their 403.
        database = make_url(embedded_app.state.context.settings.effective_database_url).database
        with closing(sqlite3.connect(str(database))) as connection, connection:
            connection.execute("UPDATE users SET is_admin = 1 WHERE email = ?", (email,))
        tokens = client.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
        assert tokens.status_code == 200, tokens.text
        headers = {"Authorization": f"Bearer {tokens.json()['access_token']}"}
        # Something of their own, so lists and small ids answer with data to check.
        search = client.post("/api/v1/searches", headers=headers, json=SEARCH)
        assert search.status_code == 201, search.text
        run = client.post(f"/api/v1/searches/{search.json()['id']}/run", headers=headers)
        assert run.status_code == 202, run.text
    return headers


def _operation_failures(operation: Any, headers: dict[str, str]) -> list[str]:
    failures: list[str] = []
    operation_id = operation.definition.raw.get("operationId")
    excluded = [positive_data_acceptance] if operation_id in RULES_BEYOND_THE_SCHEMA else []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=MAX_EXAMPLES,
            derandomize=True,
            database=None,
            deadline=None,
            # Shrinking would make the run's length depend on what it finds.
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def check(case: Any) -> None:
            case.call_and_validate(headers=headers, excluded_checks=excluded)

        try:
            check()
        except Unsatisfiable:
            # Nothing in the operation can be made invalid (no parameters, no body).
            assert mode is GenerationMode.NEGATIVE, operation.label
        except (Exception, BaseExceptionGroup) as exc:  # reported, and the next operation runs
            failures.append(f"{operation.label} ({mode.value}):\n{exc}")
    return failures


@pytest.mark.slow
def test_generated_requests_get_declared_answers(
    embedded_app: Any, signed_in: dict[str, str]
) -> None:
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", embedded_app)
    failures: list[str] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result.err()
        operation = result.ok()
        if operation.definition.raw.get("operationId") in UPSTREAM_OPERATIONS:
            continue
        failures.extend(_operation_failures(operation, signed_in))
    assert not failures, "\n\n".join(failures)
