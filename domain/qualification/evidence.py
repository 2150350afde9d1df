"""Loading what judging a question reads: the rules of every offering involved (asked for,
in a requested category, or named as an alternative), the catalog's availability of them,
the orderable offerings of requested categories and the catalog's objections to requested
configurations. Rules are read per offering, never all of them."""

from __future__ import annotations

from collections.abc import Mapping

from domain.qualification.judgement import Evidence, OfferingAvailability
from domain.qualification.model import EligibilityQuestion, ItemAction, Reason
from domain.qualification.ports import (
    ConfigurationChecker,
    ConfigurationToCheck,
    EligibilityRules,
    OfferingDirectory,
)
from domain.qualification.rules import Rule, RuleBook


class EvidenceLoader:
    def __init__(
        self,
        rules: EligibilityRules,
        catalog: OfferingDirectory,
        configurations: ConfigurationChecker | None,
    ) -> None:
        self._rules = rules
        self._catalog = catalog
        self._configurations = configurations

    async def load(self, question: EligibilityQuestion) -> Evidence:
        categories = await self._category_offerings(question)
        wanted = {i.offering_id for i in question.items if i.offering_id}
        wanted.update(o for offerings in categories.values() for o in offerings)
        rules = await self._rules.for_offerings(wanted)
        # Alternatives are judged for the customer too: their rules and availability count.
        alternatives = {a for r in rules for a in r.alternative_offering_ids} - wanted
        if alternatives:
            rules = [*rules, *await self._rules.for_offerings(alternatives)]
        availability = await self._catalog.availability(wanted | alternatives, question.at)
        return Evidence(
            rules=RuleBook(_unique(rules)),
            availability=availability,
            category_offerings=categories,
            configuration_problems=await self._configuration_problems(question, availability),
        )

    async def _category_offerings(
        self, question: EligibilityQuestion
    ) -> dict[str, tuple[str, ...]]:
        found: dict[str, tuple[str, ...]] = {}
        for category_id in dict.fromkeys(i.category_id for i in question.items if i.is_category):
            listed = await self._catalog.orderable_offerings(category_id, question.at)
            if listed is not None:
                found[category_id] = tuple(o.offering_id for o in listed)
        return found

    async def _configuration_problems(
        self,
        question: EligibilityQuestion,
        availability: Mapping[str, OfferingAvailability],
    ) -> dict[str, tuple[Reason, ...]]:
        if self._configurations is None:
            return {}
        asked: list[tuple[str, ConfigurationToCheck]] = []
        for item in question.items:
            offering = availability.get(item.offering_id)
            if item.configuration is None or offering is None:
                continue  # nothing asked, or the item is refused for its offering already
            if item.action is ItemAction.ADD and not offering.orderable:
                continue
            asked.append((item.item_id, ConfigurationToCheck(item.offering_id, item.configuration)))
        if not asked:
            return {}
        answers = await self._configurations.problems_of_each([c for _, c in asked])
        return {
            item_id: problems
            for (item_id, _), problems in zip(asked, answers, strict=True)
            if problems
        }


def _unique(rules: list[Rule]) -> list[Rule]:
    return list({rule.id: rule for rule in rules}.values())
