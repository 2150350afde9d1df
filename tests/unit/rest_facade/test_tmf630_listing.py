"""Collection queries: filters into the typed proto filter, paging bounds, sort, fields."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ordercapture.catalog.v1 import catalog_service_pb2, offering_pb2, price_pb2, query_pb2
from rest_facade.catalog import resources
from rest_facade.catalog.queries import page_of
from rest_facade.errors import TmfError
from rest_facade.tmf630 import parse_entity_query, parse_list_query, refuse_query

SF = query_pb2.SortField
OFFERINGS = resources.PRODUCT_OFFERING.query


def offering_filter(raw: str) -> offering_pb2.OfferingFilter:
    query = parse_list_query(raw, OFFERINGS)
    assert isinstance(query.filter, offering_pb2.OfferingFilter)
    return query.filter


def refused(raw: str, spec: object = OFFERINGS) -> TmfError:
    with pytest.raises(TmfError) as caught:
        parse_list_query(raw, spec)  # type: ignore[arg-type]
    return caught.value


def test_defaults_page_and_no_filter() -> None:
    query = parse_list_query("", OFFERINGS)
    assert (query.offset, query.limit, query.sort, query.fields) == (0, 20, (), None)
    assert query.filter == offering_pb2.OfferingFilter()
    assert page_of(query) == query_pb2.Page(page_size=20, skip=0)


def test_equality_filters_fill_the_typed_filter() -> None:
    found = offering_filter(
        "lifecycleStatus=Active&category.id=c1,c2&isBundle=true&productSpecification.id=s1"
        "&name=Fiber&version=2&productOfferingPrice.id=p1&id=o1"
    )
    assert list(found.common.lifecycle_statuses) == ["Active"]
    assert list(found.common.names) == ["Fiber"]
    assert list(found.common.versions) == ["2"]
    assert list(found.common.ids) == ["o1"]
    assert list(found.category_ids) == ["c1", "c2"]
    assert list(found.specification_ids) == ["s1"]
    assert list(found.price_ids) == ["p1"]
    assert found.HasField("is_bundle")
    assert found.is_bundle is True
    assert not found.HasField("is_sellable")


def test_repeated_parameter_is_or() -> None:
    found = offering_filter(
        "lifecycleStatus=Active&lifecycleStatus=Launched;lifecycleStatus=Retired"
    )
    assert list(found.common.lifecycle_statuses) == ["Active", "Launched", "Retired"]


def test_both_booleans_mean_no_constraint() -> None:
    assert not offering_filter("isBundle=true,false").HasField("is_bundle")


def test_last_update_bounds() -> None:
    found = offering_filter(
        "lastUpdate.gte=2024-01-01T00:00:00Z&lastUpdate.lte=2024-02-01T01:00:00%2B01:00"
    )
    assert found.common.updated_after.ToDatetime(tzinfo=UTC) == datetime(2024, 1, 1, tzinfo=UTC)
    assert found.common.updated_before.ToDatetime(tzinfo=UTC) == datetime(2024, 2, 1, tzinfo=UTC)


def test_enum_filter_translates_through_the_table() -> None:
    query = parse_list_query(
        "priceType=recurring,oneTime&price.unit=EUR", resources.PRODUCT_OFFERING_PRICE.query
    )
    assert isinstance(query.filter, price_pb2.OfferingPriceFilter)
    assert list(query.filter.kinds) == [
        price_pb2.PRICE_KIND_RECURRING,
        price_pb2.PRICE_KIND_ONE_TIME,
    ]
    assert list(query.filter.currency_codes) == ["EUR"]


def test_category_filters_include_the_v4_alias() -> None:
    query = parse_list_query("parent.id=a&parentId=b&isRoot=false", resources.CATEGORY.query)
    assert list(query.filter.parent_ids) == ["a", "b"]
    assert query.filter.is_root is False


def test_import_job_status_uses_the_v5_spelling() -> None:
    query = parse_list_query("status=Not%20Started,Succeeded", resources.IMPORT_JOB.query)
    assert isinstance(query.filter, catalog_service_pb2.ListImportJobsRequest)
    assert len(query.filter.states) == 2


@pytest.mark.parametrize(
    ("raw", "parameter"),
    [
        ("brand=x", "brand"),
        ("foo.bar=1", "foo.bar"),
        ("isBundle=yes", "isBundle"),
        ("name.gt=a", "name.gt"),
        ("lastUpdate.gte=yesterday", "lastUpdate.gte"),
        ("lastUpdate.gte=2024-01-01T00:00:00", "lastUpdate.gte"),
        ("lastUpdate=2024-01-01T00:00:00Z", "lastUpdate"),
        ("offset=-1", "offset"),
        ("offset=x", "offset"),
        ("offset=2147483648", "offset"),
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=5&limit=6", "limit"),
        ("sort=price", "sort"),
        ("fields=price", "fields"),
        ("offset.gt=1", "offset.gt"),
    ],
)
def test_refusals_name_the_parameter(raw: str, parameter: str) -> None:
    error = refused(raw)
    assert error.status == 400
    assert error.code == "INVALID_QUERY_PARAMETER"
    assert f"'{parameter}'" in error.message


def test_enum_refusal_lists_allowed_values() -> None:
    error = refused("priceType=monthly", resources.PRODUCT_OFFERING_PRICE.query)
    assert "discount, oneTime, recurring, usage" in error.message


@pytest.mark.parametrize("parameter", ["filter", "depth", "expand"])
def test_unimplemented_features_answer_501(parameter: str) -> None:
    error = refused(f"{parameter}=x")
    assert (error.status, error.code) == (501, "QUERY_FEATURE_NOT_IMPLEMENTED")


def test_bounds() -> None:
    query = parse_list_query("offset=2147483647&limit=1000", OFFERINGS)
    assert (query.offset, query.limit) == (2147483647, 1000)


def test_sort_keys_with_direction_and_id_last() -> None:
    query = parse_list_query("sort=-lastUpdate,+name,version", OFFERINGS)
    assert query.sort == (
        (SF.SORT_FIELD_UPDATE_TIME, True),
        (SF.SORT_FIELD_NAME, False),
        (SF.SORT_FIELD_VERSION, False),
        (SF.SORT_FIELD_ID, False),
    )
    assert page_of(query).order_by[0] == query_pb2.SortKey(
        field=SF.SORT_FIELD_UPDATE_TIME, descending=True
    )


def test_sort_by_id_descending_keeps_it_once() -> None:
    assert parse_list_query("sort=-id", OFFERINGS).sort == ((SF.SORT_FIELD_ID, True),)


def test_import_jobs_sort_by_creation_date() -> None:
    query = parse_list_query("sort=-creationDate", resources.IMPORT_JOB.query)
    assert query.sort[0] == (SF.SORT_FIELD_CREATE_TIME, True)


def test_entity_queries_take_fields_only() -> None:
    assert parse_entity_query(
        "fields=name,validFor.startDateTime", resources.CATEGORY.query.attributes
    ) == {
        "name": None,
        "validFor": {"startDateTime": None},
    }
    with pytest.raises(TmfError) as caught:
        parse_entity_query("name=x", resources.CATEGORY.query.attributes)
    assert "'name'" in caught.value.message


def test_delete_takes_no_query() -> None:
    refuse_query("")
    with pytest.raises(TmfError):
        refuse_query("fields=name")
