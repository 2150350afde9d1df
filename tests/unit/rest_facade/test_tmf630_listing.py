"""Collection queries: attribute filters into conditions (and the typed proto filter for what
has no field), paging bounds, sort, fields."""

from __future__ import annotations

from typing import Any

import pytest

from ordercapture.catalog.v1 import offering_pb2, query_pb2
from ordercapture.type.v1 import condition_pb2
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


def conditions(raw: str, spec: Any = OFFERINGS) -> list[tuple[str, str, list[str]]]:
    """The attribute conditions a query becomes: (proto path, comparison name, values)."""
    query = parse_list_query(raw, spec)
    assert len(query.condition_parameters) == len(query.conditions)
    return [
        (c.path, condition_pb2.Comparison.Name(c.comparison), list(c.values))
        for c in query.conditions
    ]


def test_attribute_filters_become_conditions_on_the_proto_paths() -> None:
    raw = (
        "lifecycleStatus=Active&category.id=c1,c2&isBundle=true&productSpecification.id=s1"
        "&name=Fiber&version=2&productOfferingPrice.id=p1&id=o1"
    )
    assert conditions(raw) == [
        ("lifecycle_status", "COMPARISON_EQUAL", ["Active"]),
        ("category_ids", "COMPARISON_EQUAL", ["c1", "c2"]),
        ("is_bundle", "COMPARISON_EQUAL", ["true"]),
        ("specification_id", "COMPARISON_EQUAL", ["s1"]),
        ("name", "COMPARISON_EQUAL", ["Fiber"]),
        ("version", "COMPARISON_EQUAL", ["2"]),
        ("price_ids", "COMPARISON_EQUAL", ["p1"]),
        ("id", "COMPARISON_EQUAL", ["o1"]),
    ]
    # An attribute in both tables is filtered as a condition only.
    assert offering_filter(raw) == offering_pb2.OfferingFilter()


def test_repeated_parameter_is_or() -> None:
    assert conditions(
        "lifecycleStatus=Active&lifecycleStatus=Launched;lifecycleStatus=Retired"
    ) == [("lifecycle_status", "COMPARISON_EQUAL", ["Active", "Launched", "Retired"])]


def test_both_booleans_are_alternatives() -> None:
    assert conditions("isBundle=true,false") == [
        ("is_bundle", "COMPARISON_EQUAL", ["true", "false"])
    ]


def test_every_operator_and_the_parameter_it_came_from() -> None:
    raw = (
        "lastUpdate.gte=2024-01-01T00:00:00Z&lastUpdate.lte=2024-02-01T01:00:00%2B01:00"
        "&validFor.startDateTime%3E2024-01-01T00:00:00Z&name.regex=%5EFib&version.ne=1"
        "&bundledProductOffering.bundledProductOfferingOption.numberRelOfferUpperLimit.lt=3"
    )
    assert conditions(raw) == [
        ("update_time", "COMPARISON_GREATER_OR_EQUAL", ["2024-01-01T00:00:00Z"]),
        ("update_time", "COMPARISON_LESS_OR_EQUAL", ["2024-02-01T01:00:00+01:00"]),
        ("validity.start_time", "COMPARISON_GREATER", ["2024-01-01T00:00:00Z"]),
        ("name", "COMPARISON_MATCHES", ["^Fib"]),
        ("version", "COMPARISON_NOT_EQUAL", ["1"]),
        ("bundle_components.max_quantity", "COMPARISON_LESS", ["3"]),
    ]
    query = parse_list_query(raw, OFFERINGS)
    assert query.condition_parameters[2] == "validFor.startDateTime>"


def test_enumerated_values_translate_to_value_names() -> None:
    prices = resources.PRODUCT_OFFERING_PRICE.query
    assert conditions("priceType=recurring,oneTime&price.unit=EUR", prices) == [
        ("kind", "COMPARISON_EQUAL", ["PRICE_KIND_RECURRING", "PRICE_KIND_ONE_TIME"]),
        ("amount.currency_code", "COMPARISON_EQUAL", ["EUR"]),
    ]
    specifications = resources.PRODUCT_SPECIFICATION.query
    assert conditions("productSpecCharacteristic.valueType=boolean", specifications) == [
        ("characteristics.value_type", "COMPARISON_EQUAL", ["VALUE_TYPE_FLAG"])
    ]


def test_category_parent_is_a_condition_the_v4_alias_and_is_root_typed_filters() -> None:
    query = parse_list_query("parent.id=a&parentId=b&isRoot=false", resources.CATEGORY.query)
    assert [(c.path, list(c.values)) for c in query.conditions] == [("parent_id", ["a"])]
    assert list(query.filter.parent_ids) == ["b"]
    assert query.filter.is_root is False


def test_import_job_status_uses_the_v5_spelling() -> None:
    assert conditions("status=Not%20Started,Succeeded", resources.IMPORT_JOB.query) == [
        (
            "state",
            "COMPARISON_EQUAL",
            ["IMPORT_JOB_STATE_NOT_STARTED", "IMPORT_JOB_STATE_SUCCEEDED"],
        )
    ]


@pytest.mark.parametrize(
    ("raw", "parameter"),
    [
        ("brand=x", "brand"),
        ("foo.bar=1", "foo.bar"),
        ("category.name=x", "category.name"),
        ("priceType=weekly", "priceType"),
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
