"""CheckServiceQualificationItem <-> ServiceItem (asked) and ServiceResult (answered).

The item's `service` is rendered as asked (specification, characteristics, place), with the
register id the place resolved to, the suggested addresses of an unknown place, and, once
qualified, the accessTechnology that delivers it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from google.protobuf.timestamp_pb2 import Timestamp

from ordercapture.feasibility.v1 import check_pb2
from rest_facade.feasibility.mapping.characteristics import (
    ACCESS_TECHNOLOGY,
    characteristic_to_tmf,
    characteristics_from_tmf,
    network_characteristics,
)
from rest_facade.feasibility.mapping.places import place_from_tmf, place_to_tmf, places_to_tmf
from rest_facade.feasibility.mapping.vocabulary import RESULT_NAMES
from rest_facade.tmf_readers import array, member, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, day_to_tmf, invalid, timestamp_to_tmf

ITEM_TYPE = "CheckServiceQualificationItem"
SERVICE_TYPE = "Service"
SPECIFICATION_REF_TYPE = "ServiceSpecificationRef"
# The catalog's product specification names the service a feasibility check judges.
SPECIFICATION_REFERRED_TYPE = "ProductSpecification"

# Output-only item attributes a client may echo back; they are ignored on create.
ITEM_OUTPUT = frozenset(
    {
        "qualificationResult",
        "state",
        "expirationDate",
        "expectedServiceAvailabilityDate",
        "alternateServiceProposal",
        "eligibilityUnavailabilityReason",
        "terminationError",
    }
)
_SERVICE_ACCEPTED = frozenset({"serviceSpecification", "serviceCharacteristic", "place"})


def item_from_tmf(document: Any, index: int, path: str) -> check_pb2.ServiceItem:
    """Items without an id are numbered by position, from 1."""
    item = member(document, path)
    refuse_unknown(item, {"id", "service"} | ITEM_OUTPUT, path)
    service_path = f"{path}.service"
    service = member(item.get("service"), service_path)
    refuse_unknown(service, _SERVICE_ACCEPTED | {"@referredType"}, service_path)
    result = check_pb2.ServiceItem(
        id=text(item, "id", path) or str(index + 1),
        place=place_from_tmf(array(service, "place", service_path), f"{service_path}.place"),
    )
    if service.get("serviceSpecification") is not None:
        ref_path = f"{service_path}.serviceSpecification"
        reference = member(service["serviceSpecification"], ref_path)
        spec_id = text(reference, "id", ref_path)
        if not spec_id:
            raise invalid(f"{ref_path}.id", "the specification's id is required")
        result.product_specification_id = spec_id
    result.characteristics.extend(
        characteristics_from_tmf(
            array(service, "serviceCharacteristic", service_path),
            f"{service_path}.serviceCharacteristic",
        )
    )
    return result


def item_to_tmf(
    item: check_pb2.ServiceItem,
    result: check_pb2.ServiceResult | None,
    check: check_pb2.FeasibilityCheck,
) -> JsonObject:
    document: JsonObject = {"@type": ITEM_TYPE, "id": item.id}
    document["service"] = _service_to_tmf(item, result)
    if check.HasField("expire_time"):
        document["expirationDate"] = timestamp_to_tmf(check.expire_time)
    if check.error:
        document["terminationError"] = [{"@type": "TerminationError", "value": check.error}]
    if result is None or result.outcome not in RESULT_NAMES:
        return document
    document["qualificationResult"] = RESULT_NAMES[result.outcome]
    if result.reasons:
        document["eligibilityUnavailabilityReason"] = [
            {"@type": "ServiceEligibilityUnavailabilityReason", "code": r.code, "label": r.label}
            for r in result.reasons
        ]
    if result.alternatives:
        document["alternateServiceProposal"] = [
            _proposal_to_tmf(n, alternative, item, result, check.judge_time)
            for n, alternative in enumerate(result.alternatives, start=1)
        ]
    return document


def _service_to_tmf(
    item: check_pb2.ServiceItem, result: check_pb2.ServiceResult | None
) -> JsonObject:
    service: JsonObject = {"@type": SERVICE_TYPE}
    if item.product_specification_id:
        service["serviceSpecification"] = specification_ref(item.product_specification_id)
    characteristics = [characteristic_to_tmf(c) for c in item.characteristics]
    if (
        result is not None
        and result.outcome == check_pb2.FEASIBILITY_QUALIFIED
        and result.technology
    ):
        # The service as it will be delivered: the technology the network chose.
        characteristics = [c for c in characteristics if c["name"] != ACCESS_TECHNOLOGY]
        characteristics.extend(network_characteristics(result.technology, 0, 0))
    if characteristics:
        service["serviceCharacteristic"] = characteristics
    registered = result.address_id if result is not None else ""
    suggestions = result.suggested_addresses if result is not None else ()
    service["place"] = places_to_tmf(item.place, registered, suggestions)
    return service


def _proposal_to_tmf(
    number: int,
    alternative: check_pb2.AlternativeService,
    item: check_pb2.ServiceItem,
    result: check_pb2.ServiceResult,
    judged: Timestamp,
) -> JsonObject:
    """A deliverable alternative; available from the day given, or from the judging when now."""
    document: JsonObject = {
        "@type": "AlternateServiceProposal",
        "id": str(number),
        "alternateService": {
            "@type": SERVICE_TYPE,
            "serviceCharacteristic": network_characteristics(
                alternative.technology, alternative.max_download_mbps, alternative.max_upload_mbps
            ),
            "place": [place_to_tmf(item.place, result.address_id)],
        },
    }
    if alternative.available_from:
        document["alternateServiceAvailabilityDate"] = day_to_tmf(alternative.available_from)
    elif judged.ListFields():
        document["alternateServiceAvailabilityDate"] = timestamp_to_tmf(judged)
    return document


def specification_ref(specification_id: str) -> JsonObject:
    return {
        "@type": SPECIFICATION_REF_TYPE,
        "@referredType": SPECIFICATION_REFERRED_TYPE,
        "id": specification_id,
    }


def results_by_item(
    check: check_pb2.FeasibilityCheck,
) -> Mapping[str, check_pb2.ServiceResult]:
    return {result.item_id: result for result in check.results}
