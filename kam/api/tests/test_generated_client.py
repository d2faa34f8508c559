"""A Python client generated from /api/openapi.json works: openapi-python-client (the pinned dev
tool) writes it into a temporary folder, and a round trip against a live server goes through the
generated code only: create an account, a contact and a scorecard, list and read them, update
with the version read, and get the errors back as answers (not exceptions)."""

import importlib
import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

from kam.accounts.models import Account
from kam.people.models import Contact
from kam.scorecard.tests.conftest import (
    ATTRACTIVENESS_CODES,
    EXAMPLE_ATTRACTIVENESS,
    EXAMPLE_COMPETITOR,
    EXAMPLE_US,
    STRENGTH_CODES,
)
from kam.users.choices import TokenScope
from kam.users.services import api_token_create
from tests.browser.conftest import reseed_after_module  # noqa: F401 — the rows back after the flush
from tests.concurrency import seeded_transactional_db  # noqa: F401
from tests.factories import CompetitorFactory, UserFactory

PACKAGE = "kam_generated_client"
GENERATOR = Path(sys.executable).with_name("openapi-python-client")
GENERATOR_CONFIG = {
    "post_hooks": [],  # no formatting of the generated code: it is imported, never read
    # file downloads: the generator reads only JSON answers, and bytes as octet-stream
    "content_type_overrides": {
        "application/pdf": "application/octet-stream",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
            "application/octet-stream"
        ),
    },
}


@pytest.fixture
def generated(live_server: Any, tmp_path: Path, settings: Any) -> Iterator[ModuleType]:
    """The client generated from the live server's OpenAPI document, importable as PACKAGE."""
    settings.KAM_API_DOCS_PUBLIC = True  # outside development the schema needs a sign-in
    document = tmp_path / "openapi.json"
    document.write_bytes(httpx.get(f"{live_server.url}/api/openapi.json").content)
    config = tmp_path / "config.json"
    config.write_text(json.dumps(GENERATOR_CONFIG))
    # our own pinned dev tool with fixed arguments; a warning (a part it cannot read) fails
    result = subprocess.run(  # noqa: S603
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(document),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / PACKAGE),
            "--config",
            str(config),
            "--fail-on-warning",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.split(".")[0] == PACKAGE]:
            del sys.modules[name]


def _operation(name: str) -> ModuleType:
    """An operation module of the generated client, e.g. `accounts.kam_accounts_api_get_account`."""
    return importlib.import_module(f"{PACKAGE}.api.{name}")


def _models() -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.models")


def _scorecard(models: ModuleType, competitor_id: uuid.UUID) -> Any:
    us = models.StrengthInUs()
    us.additional_properties = dict(zip(STRENGTH_CODES, EXAMPLE_US, strict=True))
    theirs = models.CompetitorScoresInScores()
    theirs.additional_properties = dict(zip(STRENGTH_CODES, EXAMPLE_COMPETITOR, strict=True))
    return models.ScorecardIn(
        period="2026",
        assessed_on=date(2026, 3, 1),
        figures=models.FiguresIn(current_revenue="1000000", potential_revenue_3y="3000000"),
        attractiveness=[
            models.AttractivenessAnswerIn(criterion=code, score=value, evidence="年报")
            for code, value in zip(ATTRACTIVENESS_CODES, EXAMPLE_ATTRACTIVENESS, strict=True)
        ],
        strength=models.StrengthIn(
            us=us,
            competitors=[models.CompetitorScoresIn(competitor_id=competitor_id, scores=theirs)],
        ),
    )


# The live server reads committed data from its own thread: a transactional test, whose flush
# empties the tables the data migrations filled (the scorecard's criteria come from them).
@pytest.mark.usefixtures("seeded_transactional_db")
def test_a_generated_client_creates_lists_reads_updates_and_reads_errors(
    generated: ModuleType, live_server: Any
) -> None:
    # given a key account manager's API token and a competitor to score against
    manager = UserFactory(username="manager", role="account_manager", display_name="李明")
    _token, raw = api_token_create(
        user=manager, name="generated client", scope=TokenScope.READ_WRITE
    )
    competitor = CompetitorFactory(name="华为")
    client = generated.AuthenticatedClient(
        base_url=live_server.url, token=raw, raise_on_unexpected_status=True
    )
    models = _models()
    with client:
        # when an account, a contact and a scorecard are created through the generated code
        created = _operation("accounts.kam_accounts_api_create_account").sync(
            client=client,
            body=models.AccountIn(
                name="华东电力集团",
                industry=models.Industry.ENERGY,
                region=models.Region.EAST_CHINA,
            ),
            idempotency_key="round-trip-1",
        )
        contact = _operation("contacts.kam_people_api_create_contact").sync(
            account_id=created.id, client=client, body=models.ContactIn(name="张伟", title="CIO")
        )
        submitted = _operation("scorecard.kam_scorecard_api_submit_scorecard").sync(
            account_id=created.id, client=client, body=_scorecard(models, competitor.uuid)
        )
        # and listed and read back
        listed = _operation("accounts.kam_accounts_api_list_accounts").sync(client=client)
        read = _operation("accounts.kam_accounts_api_get_account").sync_detailed(
            account_id=created.id, client=client
        )
        history = _operation("scorecard.kam_scorecard_api_scorecard_history").sync(
            account_id=created.id, client=client
        )
        # then every answer is the documented model, with the values stored
        assert isinstance(created, models.AccountOut)
        assert (created.name, created.owner.username, created.owner.display_name) == (
            "华东电力集团", "manager", "李明",
        )  # fmt: skip
        assert isinstance(contact, models.ContactOut)
        assert (contact.name, contact.account.id) == ("张伟", created.id)
        assert (submitted.scorecard.attractiveness, submitted.scorecard.strength) == (
            "69.22", "52.60",
        )  # fmt: skip
        assert submitted.category == models.AccountCategory.STRATEGIC
        assert [item.id for item in listed.items] == [created.id]
        assert listed.count == 1
        assert read.status_code == 200
        assert read.parsed.owner.username == "manager"
        assert [(row.period, row.figures.current_revenue) for row in history.items] == [
            ("2026", "1000000")
        ]
        assert history.items[0].best_competitor.name == "华为"

        # when the account is updated with the version read: once as If-Match, once in the body
        update = _operation("accounts.kam_accounts_api_update_account")
        renamed = update.sync_detailed(
            account_id=created.id,
            client=client,
            body=models.AccountPatch(description="区域综合能源集团"),
            if_match=read.headers["ETag"],
        )
        moved = update.sync(
            account_id=created.id,
            client=client,
            body=models.AccountPatch(region="north_china", version=renamed.parsed.updated_at),
        )
        # then both are saved, each answering the new version
        assert renamed.status_code == 200
        assert renamed.headers["ETag"] != read.headers["ETag"]
        assert (moved.description, moved.region) == ("区域综合能源集团", models.Region.NORTH_CHINA)

        # when a stale version and an unknown account are sent
        stale = update.sync(
            account_id=created.id,
            client=client,
            body=models.AccountPatch(name="旧名字", version=created.updated_at),
        )
        missing = _operation("accounts.kam_accounts_api_get_account").sync(
            account_id=uuid.uuid4(), client=client
        )
    # then each error is an answer in the one error shape, not an exception, and nothing changed
    assert isinstance(stale, models.ErrorOut)
    assert stale.error.code == "stale_version"
    assert isinstance(missing, models.ErrorOut)
    assert (missing.error.code, missing.error.fields.to_dict()) == ("not_found", {})
    stored = Account.objects.get(uuid=created.id)
    assert (stored.name, stored.region, stored.description) == (
        "华东电力集团", "north_china", "区域综合能源集团",
    )  # fmt: skip
    assert Contact.objects.filter(account=stored).count() == 1
