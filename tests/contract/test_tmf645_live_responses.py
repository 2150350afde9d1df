"""Every response of a service qualification journey validates against the OFFICIAL TMF645 v4
definitions (success bodies against the operation's response schema, errors against `Error`):
the Tmf645 client asserts it on each exchange; this test walks every operation served."""

from __future__ import annotations

import time

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645, template_of
from tests.integration.rest.harness import GrpcTier, facade
from tests.integration.rest.tmf645 import (
    CHECKS,
    COPPER,
    FIBRE,
    QUERIES,
    Tmf645,
    at,
    at_value,
    check_body,
    fibre_specification,
    rollout_day,
    seed_network,
    service_item,
)


def journey(sq: Tmf645, spec: str) -> None:
    sync = check_body(
        service_item(at(FIBRE), specification=spec),
        service_item(at(COPPER), specification=spec),
        service_item(at_value("Mil Lane", "9"), specification=spec),
        instantSyncQualification=True,
        provideAlternative=True,
        provideUnavailabilityReason=True,
        relatedParty=[{"id": "cust-1", "role": "customer", "@referredType": "Individual"}],
        externalId="journey",
    )
    judged = sq.check(sync).json()["id"]
    accepted = sq.check(check_body(service_item(at(FIBRE), specification=spec))).json()["id"]
    for _ in range(400):
        if sq.retrieve(accepted).json()["state"] == "done":
            break
        time.sleep(0.025)
    sq.list()
    sq.list("?state=done&fields=qualificationResult&limit=1&offset=1")
    sq.retrieve(judged, "?fields=serviceQualificationItem.alternateServiceProposal")
    sq.patch(judged, {"description": "journey", "externalId": None})
    sq.patch(judged, {"state": "done"})
    sq.check({"serviceQualificationItem": []})
    sq.list("?filter=$.state")
    sq.request("PUT", f"{CHECKS}/{judged}", json={})
    sq.delete(accepted)
    sq.retrieve(accepted)
    sq.delete(judged)
    query_journey(sq)


def query_journey(sq: Tmf645) -> None:
    party = [{"id": "cust-1", "role": "customer", "@referredType": "Individual"}]
    answered = sq.query(
        {
            "searchCriteria": {"service": {"place": at(COPPER)}},
            "instantSyncQualification": True,
            "relatedParty": party,
            "externalId": "journey",
        }
    ).json()["id"]
    accepted = sq.query({"searchCriteria": {"service": {"place": at(FIBRE)}}}).json()["id"]
    sq.settled(accepted, of=QUERIES)
    sq.query({"searchCriteria": {"service": {"place": at_value("Mil Lane", "2")}}})
    sq.query({"searchCriteria": {"service": {}}})
    sq.list(of=QUERIES)
    sq.list("?state=done&fields=serviceQualificationItem&limit=1&offset=1", of=QUERIES)
    sq.list("?filter=$.state", of=QUERIES)
    sq.retrieve(answered, "?fields=searchCriteria", of=QUERIES)
    sq.patch(answered, {"description": "journey", "externalId": None}, of=QUERIES)
    sq.patch(answered, {"searchCriteria": {}}, of=QUERIES)
    sq.request("PUT", f"{QUERIES}/{answered}", json={})
    sq.delete(accepted, of=QUERIES)
    sq.retrieve(accepted, of=QUERIES)
    sq.delete(answered, of=QUERIES)


def test_every_response_of_every_operation_validates(tier: GrpcTier) -> None:
    seed_network(tier.target, rollout_day())
    with facade(tier.target) as client:
        sq = Tmf645(client, Tmf645Validator(official_tmf645()))
        journey(sq, fibre_specification(client))
    official = Tmf645Validator(official_tmf645())
    served = {
        (method, template_of(path, official.paths), status) for method, path, status in sq.exchanges
    }
    for collection in (CHECKS, QUERIES):
        entity = f"{collection}/{{id}}"
        assert {
            ("POST", collection, 200),
            ("POST", collection, 201),
            ("POST", collection, 400),
            ("GET", collection, 200),
            ("GET", collection, 501),
            ("GET", entity, 200),
            ("GET", entity, 404),
            ("PATCH", entity, 200),
            ("PATCH", entity, 400),
            ("PUT", entity, 405),
            ("DELETE", entity, 204),
        } <= served, collection
