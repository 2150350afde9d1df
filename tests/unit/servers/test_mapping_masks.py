"""Update masks: each resource's table covers exactly what the domain lets change."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from google.protobuf.descriptor import Descriptor
from google.protobuf.field_mask_pb2 import FieldMask

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import CatalogEntity
from domain.catalog.rules import updatable_fields
from ordercapture.catalog.v1 import catalog_pb2, offering_pb2, price_pb2, specification_pb2
from servers.catalog.mapping.masks import (
    CATALOG_PATHS,
    CATEGORY_PATHS,
    OFFERING_PATHS,
    PRICE_PATHS,
    SPECIFICATION_PATHS,
    fields_from,
)
from tests.unit.servers import samples

RESOURCES: list[tuple[Mapping[str, str], Descriptor, CatalogEntity]] = [
    (CATALOG_PATHS, catalog_pb2.Catalog.DESCRIPTOR, samples.catalog()),
    (CATEGORY_PATHS, catalog_pb2.Category.DESCRIPTOR, samples.category()),
    (
        SPECIFICATION_PATHS,
        specification_pb2.ProductSpecification.DESCRIPTOR,
        samples.specification(),
    ),
    (PRICE_PATHS, price_pb2.OfferingPrice.DESCRIPTOR, samples.price()),
    (OFFERING_PATHS, offering_pb2.Offering.DESCRIPTOR, samples.offering()),
]
IDS = [r[1].name for r in RESOURCES]


@pytest.mark.parametrize(("paths", "descriptor", "entity"), RESOURCES, ids=IDS)
def test_table_names_every_updatable_attribute(
    paths: Mapping[str, str], descriptor: Descriptor, entity: CatalogEntity
) -> None:
    assert set(paths.values()) == updatable_fields(entity)


@pytest.mark.parametrize(("paths", "descriptor", "entity"), RESOURCES, ids=IDS)
def test_table_keys_are_fields_of_the_message(
    paths: Mapping[str, str], descriptor: Descriptor, entity: CatalogEntity
) -> None:
    assert set(paths) <= set(descriptor.fields_by_name)


def test_paths_become_attribute_names() -> None:
    mask = FieldMask(paths=["name", "price_ids", "validity"])
    assert fields_from(mask, OFFERING_PATHS) == {"name", "price_ids", "validity"}


def test_an_empty_mask_means_every_field() -> None:
    assert fields_from(FieldMask(), CATALOG_PATHS) == frozenset()


@pytest.mark.parametrize(
    "path", ["id", "create_time", "update_time", "validity.start_time", "nmae", ""]
)
def test_other_paths_are_refused(path: str) -> None:
    with pytest.raises(InvalidEntity) as raised:
        fields_from(FieldMask(paths=["name", path]), CATEGORY_PATHS)
    assert [v.field for v in raised.value.violations] == ["update_mask.paths[1]"]
