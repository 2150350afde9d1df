"""What makes a question judgeable: items with unique ids, each naming an offering or a
category (not both), sensible quantities; a category item only adds and has no configuration."""

from __future__ import annotations

from domain.qualification.errors import InvalidEligibilityQuestion
from domain.qualification.model import ItemAction, RequestedItem
from domain.shared.errors import FieldViolation


def require_well_formed(items: tuple[RequestedItem, ...]) -> None:
    problems: list[FieldViolation] = []
    if not items:
        problems.append(FieldViolation("items", "at least one item is needed"))
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"items[{index}]"
        if not item.item_id or item.item_id in seen:
            problems.append(FieldViolation(f"{where}.item_id", "needs a unique id"))
        seen.add(item.item_id)
        problems.extend(_subject_problems(item, where))
        if item.quantity < 1:
            problems.append(FieldViolation(f"{where}.quantity", "at least 1"))
    if problems:
        raise InvalidEligibilityQuestion(
            "the question cannot be judged", violations=tuple(problems)
        )


def _subject_problems(item: RequestedItem, where: str) -> list[FieldViolation]:
    if item.offering_id and item.category_id:
        return [FieldViolation(where, "an offering or a category, not both")]
    if not item.offering_id and not item.category_id:
        return [FieldViolation(f"{where}.offering_id", "required")]
    if not item.is_category:
        return []
    problems = []
    if item.action is not ItemAction.ADD:
        problems.append(FieldViolation(f"{where}.action", "a category item can only add"))
    if item.configuration is not None:
        problems.append(
            FieldViolation(f"{where}.configuration", "a category item has no configuration")
        )
    return problems
