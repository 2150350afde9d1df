"""ValidateConfiguration returns every violation; an acceptable configuration none."""

from __future__ import annotations

from typing import TYPE_CHECKING

import grpc
import pytest

from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from ordercapture.type.v1 import characteristic_pb2, configuration_pb2
from tests.integration.grpc import builders
from tests.integration.grpc.status import failure

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub


def _request(*characteristics: tuple[str, str]) -> cs.ValidateConfigurationRequest:
    return cs.ValidateConfigurationRequest(
        offering_id="o-fibre",
        configuration=configuration_pb2.RequestedConfiguration(
            characteristics=[
                characteristic_pb2.ConfiguredCharacteristic(
                    name=name, values=[characteristic_pb2.CharacteristicValue(number=number)]
                )
                for name, number in characteristics
            ]
        ),
    )


async def test_acceptable_configuration(stub: CatalogServiceAsyncStub) -> None:
    await builders.store_fibre_offering(stub)
    found = await stub.ValidateConfiguration(_request(("speed", "500")))
    assert list(found.violations) == []


async def test_every_violation_is_returned(stub: CatalogServiceAsyncStub) -> None:
    await builders.store_fibre_offering(stub)
    found = await stub.ValidateConfiguration(_request(("speed", "250"), ("colour", "1")))
    assert [(v.path, v.reason) for v in found.violations] == [
        ("characteristics[speed]", "CHARACTERISTIC_VALUE_NOT_ALLOWED"),
        ("characteristics[colour]", "CHARACTERISTIC_UNKNOWN"),
    ]
    assert all(v.message for v in found.violations)


async def test_a_malformed_value_is_an_invalid_argument(stub: CatalogServiceAsyncStub) -> None:
    await builders.store_fibre_offering(stub)
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ValidateConfiguration(_request(("speed", "fast")))
    assert failure(raised.value).violations == [
        ("configuration.characteristics[0].values[0].number", "'fast' is not a decimal number")
    ]


async def test_unknown_offering_is_not_found(stub: CatalogServiceAsyncStub) -> None:
    with pytest.raises(grpc.aio.AioRpcError) as raised:
        await stub.ValidateConfiguration(_request())
    assert raised.value.code() == grpc.StatusCode.NOT_FOUND
