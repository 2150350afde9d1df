"""TMF630 query and patch support shared by every TMF API of the facade."""

from rest_facade.tmf630.conditions import (
    ConditionPath,
    conditions_named,
    polymorphic,
    prefixed,
)
from rest_facade.tmf630.fields import Selection, select
from rest_facade.tmf630.filters import (
    BoolFilter,
    EnumFilter,
    FilterAttribute,
    TextFilter,
    TimeRangeFilter,
)
from rest_facade.tmf630.listing import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    ListQuery,
    QuerySpec,
    count_headers,
    parse_entity_query,
    parse_list_query,
    refuse_query,
)
from rest_facade.tmf630.merge_patch import merge_patch, update_mask

__all__ = [
    "DEFAULT_LIMIT",
    "MAX_LIMIT",
    "BoolFilter",
    "ConditionPath",
    "EnumFilter",
    "FilterAttribute",
    "ListQuery",
    "QuerySpec",
    "Selection",
    "TextFilter",
    "TimeRangeFilter",
    "conditions_named",
    "count_headers",
    "merge_patch",
    "parse_entity_query",
    "parse_list_query",
    "polymorphic",
    "prefixed",
    "refuse_query",
    "select",
    "update_mask",
]
