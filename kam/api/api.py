"""The REST API: /api/v1/…, OpenAPI schema at /api/openapi.json, interactive docs at /api/docs
(both for signed-in users and API tokens unless KAM_API_DOCS_PUBLIC)."""

import uuid

from ninja import Field, Router, Schema

from kam.accounts.api import router as accounts_router
from kam.alerts.api import router as alerts_router
from kam.api.auth import AUTH
from kam.api.docs import docs_access
from kam.api.errors import install_error_handlers
from kam.api.openapi import KamAPI
from kam.assessments.api import router as assessments_router
from kam.broad.api import router as broad_router
from kam.cards.api import router as cards_router
from kam.compliance.api import router as compliance_router
from kam.cycle.api import router as cycle_router
from kam.documents.api import router as documents_router
from kam.engagement.api import router as engagement_router
from kam.handover.api import router as handover_router
from kam.health.api import router as health_router
from kam.idempotency.api import idempotent_creates
from kam.imports.api import router as imports_router
from kam.kpis.api import router as kpis_router
from kam.ladder.api import router as ladder_router
from kam.letters.api import router as letters_router
from kam.metrics.api import router as metrics_router
from kam.needs.api import router as needs_router
from kam.pdca.api import router as pdca_router
from kam.people.api import router as people_router
from kam.plans.api import router as plans_router
from kam.plans.scoreboard_api import router as plans_scoreboard_router
from kam.platforms.api import router as platforms_router
from kam.powermap.api import router as powermap_router
from kam.relationship.api import router as relationship_router
from kam.reviews.api import router as reviews_router
from kam.scorecard.api import router as scorecard_router
from kam.users.choices import Role, Seniority
from kam.users.http import AuthenticatedHttpRequest
from kam.value.api import router as value_router

api = KamAPI(
    title="KAM API",
    version="1",
    description="Key account relationship management. Authenticate with a personal access "
    "token (Authorization: Bearer …) or the browser session. A token expires (401 "
    "`token_expired`) and may be revoked (401 `token_revoked`); a read token may only GET (403 "
    "`token_read_only`). Every POST that creates accepts an "
    "`Idempotency-Key` header: sent again with the same key (same user, within 24 hours), the "
    "request gets the first answer again (header `Idempotent-Replayed: true`) and creates "
    "nothing; the same key with a different body answers 422. Every PATCH and PUT names the "
    "version it was made from, so that nobody's change is silently lost: send the `ETag` of your "
    "last read as `If-Match` (412 when someone saved since) or the version it stands for as "
    "`version` in the body (409); without either: 428. Null is refused (422) for a field that "
    "cannot be empty; leave a field out to keep it.",
    auth=AUTH,
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs_decorator=docs_access,
)
install_error_handlers(api)
api.add_decorator(idempotent_creates, mode="view")

me_router = Router(tags=["me"])


class MeOut(Schema):
    id: uuid.UUID = Field(..., alias="uuid")
    username: str
    display_name: str
    role: Role
    seniority: Seniority


@me_router.get("/me", response=MeOut)
def me(request: AuthenticatedHttpRequest) -> object:
    return request.user


api.add_router("/v1", me_router)
api.add_router("/v1", accounts_router)
api.add_router("/v1", people_router)
api.add_router("/v1", assessments_router)
api.add_router("/v1", scorecard_router)
api.add_router("/v1", health_router)
api.add_router("/v1", relationship_router)
api.add_router("/v1", ladder_router)
api.add_router("/v1", cards_router)
api.add_router("/v1", compliance_router)
api.add_router("/v1", powermap_router)
api.add_router("/v1", engagement_router)
api.add_router("/v1", imports_router)
api.add_router("/v1", documents_router)
api.add_router("/v1", value_router)
api.add_router("/v1", needs_router)
api.add_router("/v1", platforms_router)
api.add_router("/v1", broad_router)
api.add_router("/v1", kpis_router)
api.add_router("/v1", pdca_router)
api.add_router("/v1", handover_router)
api.add_router("/v1", cycle_router)
api.add_router("/v1", metrics_router)
api.add_router("/v1", plans_router)
api.add_router("/v1", reviews_router)
api.add_router("/v1", plans_scoreboard_router)
api.add_router("/v1", alerts_router)
api.add_router("/v1", letters_router)
