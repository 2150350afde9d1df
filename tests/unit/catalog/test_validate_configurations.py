"""Judging many configurations at once: one unit of work, and for every request exactly the
answer the one-at-a-time use case gives."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog import errors
from domain.catalog.configuration_checks import ConfigurationRequest
from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import FakeCatalogStore, FakeCatalogUnitOfWorkFactory
from tests.fakes.catalog_builders import (
    a_bundle,
    a_component,
    chosen,
    component_request,
    configuration,
)
from tests.unit.catalog.test_configuration import NET, NET_SPEC, PACK, PHONE, TV, TV_SPEC

INNER = a_bundle("off-inner", a_component("off-tv", 1, 1, 1))
OUTER = a_bundle("off-outer", a_component("off-inner", 1, 1, 1))


def deep(package: str) -> ConfigurationRequest:
    tv = configuration(chosen("package", package))
    inner = configuration(components=(component_request("off-tv", 1, tv),))
    return ConfigurationRequest(
        "off-outer", configuration(components=(component_request("off-inner", 1, inner),))
    )


REQUESTS = (
    ConfigurationRequest("off-net", configuration(chosen("speed", Decimal(200)))),
    ConfigurationRequest("off-net", configuration(chosen("speed", "300"))),
    ConfigurationRequest("off-tv", configuration(chosen("package", "premium"))),
    ConfigurationRequest("off-phone", configuration(chosen("colour", "red"))),
    ConfigurationRequest(
        "off-pack",
        configuration(
            chosen("colour", "red"),
            components=(
                component_request("off-net", 1, configuration()),
                component_request("off-tv", 3, configuration(chosen("package", "gold"))),
                component_request("off-radio", 1, None),
            ),
        ),
    ),
    ConfigurationRequest("off-net", configuration(components=(component_request("off-tv", 1),))),
    deep("gold"),
    deep("basic"),
)


@pytest.fixture(autouse=True)
def _catalog(store: FakeCatalogStore) -> None:
    store.seed(NET_SPEC, TV_SPEC, NET, TV, PHONE, PACK, INNER, OUTER)


async def test_each_answer_is_the_one_at_a_time_answer(service: CatalogManagement) -> None:
    one_at_a_time = [
        await service.validate_configuration(r.offering_id, r.configuration) for r in REQUESTS
    ]

    together = await service.validate_configurations(REQUESTS)

    assert list(together) == one_at_a_time
    # The fixture is not trivial: some answers are empty, some are not.
    assert () in one_at_a_time
    assert sum(1 for found in one_at_a_time if found) >= 5


async def test_the_order_of_the_requests_is_kept(service: CatalogManagement) -> None:
    forward = await service.validate_configurations(REQUESTS)

    backward = await service.validate_configurations(REQUESTS[::-1])

    assert list(backward) == list(forward)[::-1]


async def test_bundle_components_of_every_level_are_judged(service: CatalogManagement) -> None:
    gold, basic = await service.validate_configurations((deep("gold"), deep("basic")))

    assert [(v.path, v.reason) for v in gold] == [
        (
            "components[off-inner].components[off-tv].characteristics[package]",
            "CHARACTERISTIC_VALUE_NOT_ALLOWED",
        )
    ]
    assert basic == ()


async def test_all_requests_share_one_unit_of_work(
    service: CatalogManagement, uow: FakeCatalogUnitOfWorkFactory
) -> None:
    await service.validate_configurations(REQUESTS)

    assert len(uow.units) == 1
    assert uow.units[0].exited
    assert not uow.units[0].committed


async def test_no_requests_read_nothing(
    service: CatalogManagement, uow: FakeCatalogUnitOfWorkFactory
) -> None:
    assert await service.validate_configurations(()) == ()
    assert uow.units == []


async def test_an_unknown_offering_refuses_the_batch_naming_the_first_one(
    service: CatalogManagement,
) -> None:
    requests = (
        ConfigurationRequest("off-net", configuration(chosen("speed", "300"))),
        ConfigurationRequest("off-nope", configuration()),
        ConfigurationRequest("off-gone", configuration()),
    )

    with pytest.raises(errors.OfferingNotFound) as raised:
        await service.validate_configurations(requests)

    assert raised.value.reason == "OFFERING_NOT_FOUND"
    assert "off-nope" in raised.value.message
    assert "off-gone" not in raised.value.message


async def test_a_component_missing_from_storage_is_judged_as_one_at_a_time(
    service: CatalogManagement, store: FakeCatalogStore
) -> None:
    # A bundle naming a component that is not stored: only the component's own
    # configuration goes unchecked, as it does for a single request.
    store.seed(a_bundle("off-odd", a_component("off-missing", 0, 1, 0)))
    request = ConfigurationRequest(
        "off-odd",
        configuration(components=(component_request("off-missing", 2, configuration()),)),
    )

    [together] = await service.validate_configurations((request,))

    assert together == await service.validate_configuration("off-odd", request.configuration)
    assert [v.reason for v in together] == ["COMPONENT_QUANTITY"]
