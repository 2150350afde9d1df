"""Judging requested configurations: the pure function and the use case over storage."""

from __future__ import annotations

from decimal import Decimal

import pytest

from domain.catalog import errors
from domain.catalog.configuration import CatalogView, validate_configuration
from domain.catalog.model import (
    ConfigurationViolation,
    Offering,
    RequestedConfiguration,
    Value,
    ValueType,
)
from domain.catalog.services import CatalogManagement
from tests.fakes.catalog import FakeCatalogStore
from tests.fakes.catalog_builders import (
    a_bundle,
    a_characteristic,
    a_component,
    a_specification,
    allowed,
    allowed_range,
    an_offering,
    chosen,
    component_request,
    configuration,
)

NET_SPEC = a_specification(
    "spec-net",
    # required, no default
    a_characteristic(
        "speed",
        value_type=ValueType.INTEGER,
        min_cardinality=1,
        allowed_values=(allowed(Decimal(100)), allowed(Decimal(300))),
    ),
    a_characteristic(
        "static_ips", value_type=ValueType.INTEGER, allowed_values=(allowed_range(0, 8),)
    ),
    a_characteristic(
        "bandwidth", value_type=ValueType.NUMBER, allowed_values=(allowed_range("0.5"),)
    ),
    a_characteristic("router", value_type=ValueType.FLAG),
    a_characteristic("label", max_cardinality=2),
    a_characteristic("tags", max_cardinality=None),
    # required, but has a default
    a_characteristic("plan", min_cardinality=1, allowed_values=(allowed("basic", default=True),)),
    # fixed: not configurable, default fiber
    a_characteristic(
        "technology",
        configurable=False,
        allowed_values=(allowed("fiber", default=True), allowed("copper")),
    ),
)
TV_SPEC = a_specification(
    "spec-tv", a_characteristic("package", allowed_values=(allowed("basic"), allowed("premium")))
)
NET = an_offering("off-net", specification_id="spec-net")
TV = an_offering("off-tv", specification_id="spec-tv")
PHONE = an_offering("off-phone")
PACK = a_bundle(
    "off-pack",
    a_component("off-net", 1, 1, 1),
    a_component("off-tv", 0, 2, 0),
    a_component("off-phone", 0, 3, 1),
)
VIEW = CatalogView(
    offerings={o.id: o for o in (NET, TV, PHONE, PACK)},
    specifications={s.id: s for s in (NET_SPEC, TV_SPEC)},
)


def judge(offering: Offering, requested: RequestedConfiguration) -> list[tuple[str, str]]:
    return [(v.path, v.reason) for v in validate_configuration(offering, requested, VIEW)]


def net(*characteristics: tuple[str, tuple[Value, ...]]) -> list[tuple[str, str]]:
    """Judges off-net with the given characteristics, and speed 100 unless speed is given."""
    requested = [chosen(n, *v) for n, v in characteristics]
    if all(name != "speed" for name, _ in characteristics):
        requested.insert(0, chosen("speed", Decimal(100)))
    return judge(NET, configuration(*requested))


class TestCharacteristics:
    def test_an_acceptable_configuration_has_no_violations(self) -> None:
        assert (
            net(
                ("static_ips", (Decimal(8),)),
                ("bandwidth", (Decimal("0.5"),)),
                ("router", (True,)),
                ("label", ("a", "b")),
                ("tags", ("x", "y", "z")),
                ("plan", ("basic",)),
                ("technology", ("fiber",)),
            )
            == []
        )

    def test_an_unknown_characteristic(self) -> None:
        assert net(("colour", ("red",))) == [("characteristics[colour]", "CHARACTERISTIC_UNKNOWN")]

    def test_an_offering_without_specification_knows_no_characteristic(self) -> None:
        assert judge(PHONE, configuration(chosen("speed", Decimal(1)))) == [
            ("characteristics[speed]", "CHARACTERISTIC_UNKNOWN")
        ]

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            pytest.param("speed", Decimal(200), id="not in the list"),
            pytest.param("static_ips", Decimal(9), id="above the range"),
            pytest.param("static_ips", Decimal(-1), id="below the range"),
            pytest.param("bandwidth", Decimal("0.4"), id="below an open range"),
            pytest.param("static_ips", Decimal("2.5"), id="fraction for an integer"),
            pytest.param("static_ips", "2.5", id="fraction as text for an integer"),
            pytest.param("static_ips", "two", id="text for an integer"),
            pytest.param("static_ips", True, id="flag for an integer"),
            pytest.param("bandwidth", "NaN", id="NaN for a number"),
            pytest.param("router", "yes", id="text for a flag"),
            pytest.param("router", Decimal(1), id="number for a flag"),
            pytest.param("label", Decimal(1), id="number for text"),
            pytest.param("plan", "gold", id="text not in the list"),
        ],
    )
    def test_a_value_not_allowed(self, name: str, value: Value) -> None:
        assert net((name, (value,))) == [
            (f"characteristics[{name}]", "CHARACTERISTIC_VALUE_NOT_ALLOWED")
        ]

    @pytest.mark.parametrize(
        ("name", "value"),
        [
            pytest.param("static_ips", Decimal(0), id="range minimum"),
            pytest.param("static_ips", Decimal("8.0"), id="range maximum with a zero fraction"),
            pytest.param("static_ips", " 3 ", id="integer as text"),
            pytest.param("bandwidth", Decimal(1000), id="open range"),
            pytest.param("router", False, id="flag"),
            pytest.param("label", "anything", id="text without a list"),
        ],
    )
    def test_a_value_allowed(self, name: str, value: Value) -> None:
        assert net((name, (value,))) == []

    def test_a_number_given_as_text_matches_an_allowed_number(self) -> None:
        assert judge(NET, configuration(chosen("speed", "300"))) == []

    def test_the_message_names_the_refused_value(self) -> None:
        [violation] = validate_configuration(
            NET, configuration(chosen("speed", Decimal(200))), VIEW
        )

        assert violation == ConfigurationViolation(
            "characteristics[speed]",
            "CHARACTERISTIC_VALUE_NOT_ALLOWED",
            "200 is not an allowed value",
        )

    def test_a_required_characteristic_without_default_must_be_given(self) -> None:
        # plan is required too, but its default answers for it.
        assert judge(NET, configuration()) == [
            ("characteristics[speed]", "CHARACTERISTIC_REQUIRED")
        ]

    def test_too_many_values(self) -> None:
        assert net(("label", ("a", "b", "c"))) == [
            ("characteristics[label]", "CHARACTERISTIC_CARDINALITY")
        ]

    def test_no_value_at_all(self) -> None:
        assert net(("label", ())) == [("characteristics[label]", "CHARACTERISTIC_CARDINALITY")]

    def test_too_few_values(self) -> None:
        spec = a_specification(
            "spec-dns", a_characteristic("dns", min_cardinality=2, max_cardinality=3)
        )
        offering = an_offering("off-dns", specification_id="spec-dns")
        view = CatalogView(offerings={offering.id: offering}, specifications={spec.id: spec})

        [violation] = validate_configuration(offering, configuration(chosen("dns", "a")), view)

        assert violation == ConfigurationViolation(
            "characteristics[dns]", "CHARACTERISTIC_CARDINALITY", "1 values given, 2..3 allowed"
        )

    def test_a_characteristic_named_twice(self) -> None:
        requested = configuration(chosen("speed", Decimal(100)), chosen("speed", Decimal(300)))

        assert judge(NET, requested) == [("characteristics[speed]", "CHARACTERISTIC_CARDINALITY")]

    def test_a_fixed_characteristic_only_takes_its_default(self) -> None:
        assert net(("technology", ("copper",))) == [
            ("characteristics[technology]", "CHARACTERISTIC_NOT_CONFIGURABLE")
        ]
        assert net(("technology", ("fiber",))) == []

    def test_a_value_outside_the_list_of_a_fixed_characteristic_is_not_allowed(self) -> None:
        assert net(("technology", ("radio",))) == [
            ("characteristics[technology]", "CHARACTERISTIC_VALUE_NOT_ALLOWED")
        ]

    def test_one_violation_per_bad_value(self) -> None:
        assert net(("tags", ("ok", Decimal(1), True))) == [
            ("characteristics[tags]", "CHARACTERISTIC_VALUE_NOT_ALLOWED"),
            ("characteristics[tags]", "CHARACTERISTIC_VALUE_NOT_ALLOWED"),
        ]


class TestComponents:
    def test_components_of_a_non_bundle(self) -> None:
        requested = configuration(
            chosen("speed", Decimal(100)), components=(component_request("x"),)
        )

        assert judge(NET, requested) == [("components", "NOT_A_BUNDLE")]

    def test_defaults_make_an_empty_request_acceptable(self) -> None:
        assert judge(PACK, configuration()) == []

    def test_a_component_not_in_the_bundle(self) -> None:
        requested = configuration(components=(component_request("off-radio"),))

        assert judge(PACK, requested) == [("components[off-radio]", "COMPONENT_NOT_IN_BUNDLE")]

    def test_below_the_minimum_counting_defaults(self) -> None:
        bundle = a_bundle("b", a_component("off-net", 1, 2, 0), a_component("off-tv", 0, 1, 0))

        assert judge(bundle, configuration()) == [("components[off-net]", "COMPONENT_QUANTITY")]

    def test_above_the_maximum(self) -> None:
        requested = configuration(components=(component_request("off-tv", 3),))

        assert judge(PACK, requested) == [("components[off-tv]", "COMPONENT_QUANTITY")]

    def test_quantities_of_one_component_add_up(self) -> None:
        requested = configuration(
            components=(component_request("off-tv", 1), component_request("off-tv", 2))
        )

        assert judge(PACK, requested) == [("components[off-tv]", "COMPONENT_QUANTITY")]

    def test_a_requested_quantity_replaces_the_default(self) -> None:
        requested = configuration(components=(component_request("off-phone", 3),))

        assert judge(PACK, requested) == []

    def test_quantity_zero_leaves_out_a_default_component(self) -> None:
        requested = configuration(components=(component_request("off-phone", 0),))

        assert judge(PACK, requested) == []

    def test_quantity_zero_of_a_mandatory_component(self) -> None:
        requested = configuration(components=(component_request("off-net", 0),))

        assert judge(PACK, requested) == [("components[off-net]", "COMPONENT_QUANTITY")]

    def test_a_negative_quantity_is_reported_once(self) -> None:
        requested = configuration(components=(component_request("off-net", -1),))

        assert [
            (v.path, v.reason, v.message) for v in validate_configuration(PACK, requested, VIEW)
        ] == [("components[off-net]", "COMPONENT_QUANTITY", "-1 is negative")]

    def test_a_component_configuration_is_judged_under_its_path(self) -> None:
        tv = configuration(chosen("package", "gold"))
        requested = configuration(components=(component_request("off-tv", 1, tv),))

        assert judge(PACK, requested) == [
            ("components[off-tv].characteristics[package]", "CHARACTERISTIC_VALUE_NOT_ALLOWED")
        ]

    def test_a_component_missing_a_required_characteristic(self) -> None:
        requested = configuration(components=(component_request("off-net", 1, configuration()),))

        assert judge(PACK, requested) == [
            ("components[off-net].characteristics[speed]", "CHARACTERISTIC_REQUIRED")
        ]

    def test_several_violations_at_once(self) -> None:
        requested = configuration(
            chosen("colour", "red"),
            components=(
                component_request("off-tv", 3, configuration(chosen("package", "gold"))),
                component_request("off-radio"),
                component_request("off-net", 1, configuration(chosen("speed", Decimal(1)))),
            ),
        )

        assert judge(PACK, requested) == [
            ("characteristics[colour]", "CHARACTERISTIC_UNKNOWN"),
            ("components[off-tv].characteristics[package]", "CHARACTERISTIC_VALUE_NOT_ALLOWED"),
            ("components[off-radio]", "COMPONENT_NOT_IN_BUNDLE"),
            ("components[off-net].characteristics[speed]", "CHARACTERISTIC_VALUE_NOT_ALLOWED"),
            ("components[off-tv]", "COMPONENT_QUANTITY"),
        ]


class TestUseCase:
    @pytest.fixture(autouse=True)
    def _catalog(self, store: FakeCatalogStore) -> None:
        inner = a_bundle("off-inner", a_component("off-tv", 1, 1, 1))
        outer = a_bundle("off-outer", a_component("off-inner", 1, 1, 1))
        store.seed(NET_SPEC, TV_SPEC, NET, TV, PHONE, PACK, inner, outer)

    async def test_an_unknown_offering(self, service: CatalogManagement) -> None:
        with pytest.raises(errors.OfferingNotFound) as raised:
            await service.validate_configuration("off-nope", configuration())

        assert raised.value.reason == "OFFERING_NOT_FOUND"

    async def test_the_specification_is_loaded_from_storage(
        self, service: CatalogManagement
    ) -> None:
        violations = await service.validate_configuration(
            "off-net", configuration(chosen("speed", Decimal(200)))
        )

        assert [(v.path, v.reason) for v in violations] == [
            ("characteristics[speed]", "CHARACTERISTIC_VALUE_NOT_ALLOWED")
        ]

    async def test_an_acceptable_configuration(self, service: CatalogManagement) -> None:
        requested = configuration(chosen("speed", "300"))

        assert await service.validate_configuration("off-net", requested) == ()

    async def test_components_of_every_level_are_loaded(self, service: CatalogManagement) -> None:
        tv = configuration(chosen("package", "gold"))
        inner = configuration(components=(component_request("off-tv", 1, tv),))
        requested = configuration(components=(component_request("off-inner", 1, inner),))

        violations = await service.validate_configuration("off-outer", requested)

        assert [(v.path, v.reason) for v in violations] == [
            (
                "components[off-inner].components[off-tv].characteristics[package]",
                "CHARACTERISTIC_VALUE_NOT_ALLOWED",
            )
        ]

    async def test_the_use_case_matches_the_pure_function(self, service: CatalogManagement) -> None:
        requested = configuration(
            chosen("colour", "red"),
            components=(component_request("off-net", 1, configuration()),),
        )

        assert await service.validate_configuration("off-pack", requested) == (
            validate_configuration(PACK, requested, VIEW)
        )


def test_the_view_defaults_are_empty() -> None:
    view = CatalogView()

    assert validate_configuration(NET, configuration(chosen("speed", Decimal(1))), view) == (
        ConfigurationViolation(
            "characteristics[speed]",
            "CHARACTERISTIC_UNKNOWN",
            "'speed' is not a characteristic of this offering",
        ),
    )
