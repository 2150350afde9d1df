"""SQL repositories of the feasibility context: the address register (candidates read through
the normalised-key indexes), coverage replaced per address and postcode, access nodes, and
stored checks whose items and results are JSON documents.

Stored checks and availability queries report each change to the unit of work's event outbox
(source FEASIBILITY), in its transaction, as the `Published` description handed in by the
wiring says (servers/feasibility/events.py); without one they record no events. Addresses,
coverage and access nodes are reference data: no events."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from google.protobuf.descriptor import Descriptor
from google.protobuf.message import Message
from sqlalchemy import ColumnElement, delete, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from domain.feasibility.addresses import Address, city_key, postcode_key
from domain.feasibility.availability import AvailableService, PlaceServices
from domain.feasibility.checks import (
    CheckOptions,
    CheckState,
    FeasibilityCheck,
    Place,
    Reason,
    RequestedCharacteristic,
    ServiceItem,
    ServiceResult,
    ValueKind,
)
from domain.feasibility.coverage import Alternative, CoverageOffer, Feasibility, ServiceNeed
from domain.feasibility.network import AccessNode, CoverageEntry
from domain.feasibility.paging import Page, PageRequest
from domain.feasibility.queries import AvailabilityQuery
from domain.shared.conditions import AttributeCondition
from ordercapture.feasibility.v1 import check_pb2, query_pb2
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.base import SearchedRow
from servers.persistence.feasibility_rows import (
    FeasibilityAccessNodeRow,
    FeasibilityAddressRow,
    FeasibilityAvailabilityQueryRow,
    FeasibilityCheckRow,
    FeasibilityCoverageRow,
)
from servers.persistence.outbox import Published, SqlEventOutbox
from servers.persistence.search_documents import search_document

E = TypeVar("E")

# Ids per IN list: far below every backend's bound-parameter limit.
_IN_BATCH = 500


def _batches(ids: Iterable[str]) -> Iterator[list[str]]:
    unique = list(dict.fromkeys(ids))
    for start in range(0, len(unique), _IN_BATCH):
        yield unique[start : start + _IN_BATCH]


def _total(page: PageRequest, shown: int) -> int | None:
    """The total when the page itself proves it (short page); None when it must be counted."""
    if shown < page.size and (shown or page.skip == 0):
        return page.skip + shown
    return None


class SqlAddressRegister:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, address_id: str) -> Address | None:
        row = await self._session.get(FeasibilityAddressRow, address_id)
        return None if row is None else _address(row)

    async def candidates(self, postcode_key: str, city_key: str, limit: int) -> list[Address]:
        scopes = []
        if postcode_key:
            scopes.append(FeasibilityAddressRow.postcode_key == postcode_key)
        if city_key:
            scopes.append(FeasibilityAddressRow.city_key == city_key)
        if not scopes:
            return []
        statement = (
            select(FeasibilityAddressRow)
            .where(or_(*scopes))
            .order_by(FeasibilityAddressRow.id)
            .limit(limit)
        )
        return [_address(row) for row in await self._session.scalars(statement)]

    async def existing_ids(self, address_ids: Iterable[str]) -> set[str]:
        found: set[str] = set()
        for batch in _batches(i for i in address_ids if i):
            column = FeasibilityAddressRow.id
            found.update(await self._session.scalars(select(column).where(column.in_(batch))))
        return found

    async def upsert(self, addresses: Sequence[Address]) -> None:
        for address in addresses:
            await self._session.merge(_address_row(address))

    async def list(self, postcode_keys: Sequence[str], page: PageRequest) -> Page[Address]:
        conditions = (
            [FeasibilityAddressRow.postcode_key.in_(postcode_keys)] if postcode_keys else []
        )
        statement = (
            select(FeasibilityAddressRow)
            .where(*conditions)
            .order_by(FeasibilityAddressRow.id)
            .offset(page.skip)
            .limit(page.size)
        )
        rows = list(await self._session.scalars(statement))
        total = _total(page, len(rows))
        if total is None:
            count = select(func.count()).select_from(FeasibilityAddressRow).where(*conditions)
            total = int(await self._session.scalar(count) or 0)
        return Page(items=tuple(_address(r) for r in rows), total=total)


class SqlCoverageRegister:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def at(
        self, address_id: str, postcode_key: str
    ) -> tuple[list[CoverageOffer], list[CoverageOffer]]:
        row = FeasibilityCoverageRow
        statement = (
            select(row)
            .where(or_(row.address_id == address_id, row.postcode_key == postcode_key))
            .order_by(row.entry_id)
        )
        own: list[CoverageOffer] = []
        shared: list[CoverageOffer] = []
        for found in await self._session.scalars(statement):
            (own if found.address_id == address_id else shared).append(_offer(found))
        return own, shared

    async def replace(self, entries: Sequence[CoverageEntry]) -> int:
        row = FeasibilityCoverageRow
        address_ids = [e.address_id for e in entries if e.address_id]
        postcodes = [postcode_key(e.postcode) for e in entries if not e.address_id]
        for batch in _batches(address_ids):
            await self._session.execute(delete(row).where(row.address_id.in_(batch)))
        for batch in _batches(postcodes):
            await self._session.execute(delete(row).where(row.postcode_key.in_(batch)))
        self._session.add_all(_coverage_row(e) for e in entries)
        return len(entries)


class SqlAccessNodes:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def free_ports(self, node_ids: Iterable[str]) -> dict[str, int]:
        found: dict[str, int] = {}
        row = FeasibilityAccessNodeRow
        for batch in _batches(node_ids):
            result = await self._session.execute(
                select(row.id, row.free_ports).where(row.id.in_(batch))
            )
            found.update((node_id, free) for node_id, free in result.all())
        return found

    async def existing_ids(self, node_ids: Iterable[str]) -> set[str]:
        return set(await self.free_ports(node_ids))

    async def upsert(self, nodes: Sequence[AccessNode]) -> None:
        for node in nodes:
            await self._session.merge(
                FeasibilityAccessNodeRow(
                    id=node.id, total_ports=node.total_ports, free_ports=node.free_ports
                )
            )


@dataclass(frozen=True, slots=True)
class Recording(Generic[E]):
    """Where one kind of stored resource reports its changes: the unit of work's outbox and
    how the resource is published."""

    outbox: SqlEventOutbox
    published: Published[E]


class SqlFeasibilityChecks:
    """Every row written carries its search document: the check as FeasibilityService returns
    it (`events.published.message`, or `searched` when no events are recorded)."""

    def __init__(
        self,
        session: AsyncSession,
        events: Recording[FeasibilityCheck] | None = None,
        *,
        searched: Callable[[FeasibilityCheck], Message] | None = None,
    ) -> None:
        self._session = session
        self._events = events
        self._searched = _searched(events, searched)

    def _row(self, check: FeasibilityCheck) -> FeasibilityCheckRow:
        row = _check_row(check)
        if self._searched is not None:
            row.search = search_document(self._searched(check))
        return row

    async def add(self, check: FeasibilityCheck) -> None:
        self._session.add(self._row(check))
        if self._events is not None:
            await self._session.flush()  # the row before its event
            await self._events.outbox.created(self._events.published, check)

    async def get(self, check_id: str) -> FeasibilityCheck | None:
        row = await self._session.get(FeasibilityCheckRow, check_id)
        return None if row is None else _check(row)

    async def replace(self, check: FeasibilityCheck) -> None:
        before = await self._stored(check.id)
        await self._session.merge(self._row(check))
        await _record_change(self._session, self._events, before, check)

    async def remove(self, check_id: str) -> bool:
        row = FeasibilityCheckRow
        before = await self._stored(check_id)
        result = await self._session.execute(delete(row).where(row.id == check_id))
        removed = bool(getattr(result, "rowcount", 0))
        if removed and before is not None and self._events is not None:
            await self._events.outbox.deleted(self._events.published, before)
        return removed

    async def _stored(self, check_id: str) -> FeasibilityCheck | None:
        """As stored in this transaction (read only when events are recorded)."""
        return None if self._events is None else await self.get(check_id)

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[FeasibilityCheck]:
        row = FeasibilityCheckRow
        message = check_pb2.FeasibilityCheck.DESCRIPTOR
        where = _matching(self._session, conditions, message, row)
        if states:
            where.append(row.state.in_([s.value for s in states]))
        statement = (
            select(row)
            .where(*where)
            .order_by(row.create_time.desc(), row.id.desc())
            .offset(page.skip)
            .limit(page.size)
        )
        rows = list(await self._session.scalars(statement))
        total = _total(page, len(rows))
        if total is None:
            count = select(func.count()).select_from(row).where(*where)
            total = int(await self._session.scalar(count) or 0)
        return Page(items=tuple(_check(r) for r in rows), total=total)


class SqlAvailabilityQueries:
    """Rows carry their search document, as checks' do."""

    def __init__(
        self,
        session: AsyncSession,
        events: Recording[AvailabilityQuery] | None = None,
        *,
        searched: Callable[[AvailabilityQuery], Message] | None = None,
    ) -> None:
        self._session = session
        self._events = events
        self._searched = _searched(events, searched)

    def _row(self, query: AvailabilityQuery) -> FeasibilityAvailabilityQueryRow:
        row = _query_row(query)
        if self._searched is not None:
            row.search = search_document(self._searched(query))
        return row

    async def add(self, query: AvailabilityQuery) -> None:
        self._session.add(self._row(query))
        if self._events is not None:
            await self._session.flush()  # the row before its event
            await self._events.outbox.created(self._events.published, query)

    async def get(self, query_id: str) -> AvailabilityQuery | None:
        row = await self._session.get(FeasibilityAvailabilityQueryRow, query_id)
        return None if row is None else _query(row)

    async def replace(self, query: AvailabilityQuery) -> None:
        before = await self._stored(query.id)
        await self._session.merge(self._row(query))
        await _record_change(self._session, self._events, before, query)

    async def remove(self, query_id: str) -> bool:
        row = FeasibilityAvailabilityQueryRow
        before = await self._stored(query_id)
        result = await self._session.execute(delete(row).where(row.id == query_id))
        removed = bool(getattr(result, "rowcount", 0))
        if removed and before is not None and self._events is not None:
            await self._events.outbox.deleted(self._events.published, before)
        return removed

    async def _stored(self, query_id: str) -> AvailabilityQuery | None:
        """As stored in this transaction (read only when events are recorded)."""
        return None if self._events is None else await self.get(query_id)

    async def list(
        self,
        states: Sequence[CheckState],
        page: PageRequest,
        conditions: Sequence[AttributeCondition] = (),
    ) -> Page[AvailabilityQuery]:
        row = FeasibilityAvailabilityQueryRow
        message = query_pb2.AvailabilityQuery.DESCRIPTOR
        where = _matching(self._session, conditions, message, row)
        if states:
            where.append(row.state.in_([s.value for s in states]))
        statement = (
            select(row)
            .where(*where)
            .order_by(row.create_time.desc(), row.id.desc())
            .offset(page.skip)
            .limit(page.size)
        )
        rows = list(await self._session.scalars(statement))
        total = _total(page, len(rows))
        if total is None:
            count = select(func.count()).select_from(row).where(*where)
            total = int(await self._session.scalar(count) or 0)
        return Page(items=tuple(_query(r) for r in rows), total=total)


def _searched(
    events: Recording[E] | None, searched: Callable[[E], Message] | None
) -> Callable[[E], Message] | None:
    """How rows get their search documents: given, or as the resource is published."""
    if searched is not None:
        return searched
    return None if events is None else events.published.message


def _matching(
    session: AsyncSession,
    conditions: Sequence[AttributeCondition],
    message: Descriptor,
    row: type[SearchedRow],
) -> list[ColumnElement[bool]]:
    """The attribute conditions in SQL over the rows' search documents (`message` as listed)."""
    dialect = session.get_bind().dialect.name
    return conditions_sql(conditions, message, row.search.expression, dialect)


async def _record_change(
    session: AsyncSession, events: Recording[E] | None, before: E | None, after: E
) -> None:
    """After a merge: a change event against what was stored, a creation when nothing was
    (merge inserted it)."""
    if events is None:
        return
    await session.flush()  # the change before its events
    if before is None:
        await events.outbox.created(events.published, after)
    else:
        await events.outbox.changed(events.published, before, after)


# --- rows <-> domain -----------------------------------------------------------------------


def check_from_row(row: FeasibilityCheckRow) -> FeasibilityCheck:
    """A stored check (the start-up fill of search documents reads rows with it)."""
    return _check(row)


def query_from_row(row: FeasibilityAvailabilityQueryRow) -> AvailabilityQuery:
    """A stored availability query."""
    return _query(row)


def _address_row(address: Address) -> FeasibilityAddressRow:
    return FeasibilityAddressRow(
        id=address.id,
        street=address.street,
        number=address.number,
        postcode=address.postcode,
        city=address.city,
        country=address.country,
        region=address.region,
        postcode_key=postcode_key(address.postcode),
        city_key=city_key(address.city),
    )


def _address(row: FeasibilityAddressRow) -> Address:
    return Address(
        id=row.id,
        street=row.street,
        number=row.number,
        postcode=row.postcode,
        city=row.city,
        country=row.country,
        region=row.region,
    )


def _coverage_row(entry: CoverageEntry) -> FeasibilityCoverageRow:
    return FeasibilityCoverageRow(
        address_id=entry.address_id or None,
        postcode_key=None if entry.address_id else postcode_key(entry.postcode),
        technology=entry.technology,
        max_download_mbps=entry.max_down_mbps,
        max_upload_mbps=entry.max_up_mbps,
        access_node_id=entry.access_node_id,
        available_from=entry.available_from,
    )


def _offer(row: FeasibilityCoverageRow) -> CoverageOffer:
    return CoverageOffer(
        technology=row.technology,
        max_down_mbps=row.max_download_mbps,
        max_up_mbps=row.max_upload_mbps,
        access_node_id=row.access_node_id,
        available_from=row.available_from,
    )


def _check_row(check: FeasibilityCheck) -> FeasibilityCheckRow:
    if check.create_time is None:
        raise ValueError("a stored check needs its create_time")
    return FeasibilityCheckRow(
        id=check.id,
        party_id=check.party_id,
        description=check.description,
        external_id=check.external_id,
        extension=check.extension,
        state=check.state.value,
        outcome=check.outcome.value if check.outcome else "",
        error=check.error,
        provide_alternatives=check.options.provide_alternatives,
        provide_reasons=check.options.provide_reasons,
        items=json.dumps([_item_document(i) for i in check.items]),
        results=json.dumps([_result_document(r) for r in check.results]),
        create_time=check.create_time,
        judge_time=check.judge_time,
        expire_time=check.expire_time,
    )


def _check(row: FeasibilityCheckRow) -> FeasibilityCheck:
    return FeasibilityCheck(
        id=row.id,
        party_id=row.party_id,
        description=row.description,
        external_id=row.external_id,
        extension=row.extension,
        state=CheckState(row.state),
        outcome=Feasibility(row.outcome) if row.outcome else None,
        error=row.error,
        options=CheckOptions(
            provide_alternatives=row.provide_alternatives, provide_reasons=row.provide_reasons
        ),
        items=tuple(_item(d) for d in json.loads(row.items)),
        results=tuple(_result(d) for d in json.loads(row.results)),
        create_time=row.create_time,
        judge_time=row.judge_time,
        expire_time=row.expire_time,
    )


def _query_row(query: AvailabilityQuery) -> FeasibilityAvailabilityQueryRow:
    if query.create_time is None:
        raise ValueError("a stored query needs its create_time")
    return FeasibilityAvailabilityQueryRow(
        id=query.id,
        party_id=query.party_id,
        description=query.description,
        external_id=query.external_id,
        extension=query.extension,
        state=query.state.value,
        error=query.error,
        place=json.dumps(_place_document(query.place)),
        answer=json.dumps(_answer_document(query.answer)),
        create_time=query.create_time,
        judge_time=query.judge_time,
        expire_time=query.expire_time,
    )


def _query(row: FeasibilityAvailabilityQueryRow) -> AvailabilityQuery:
    return AvailabilityQuery(
        id=row.id,
        party_id=row.party_id,
        description=row.description,
        external_id=row.external_id,
        extension=row.extension,
        state=CheckState(row.state),
        error=row.error,
        place=_place(json.loads(row.place)),
        answer=_answer(json.loads(row.answer)),
        create_time=row.create_time,
        judge_time=row.judge_time,
        expire_time=row.expire_time,
    )


# --- JSON documents of a check's items and results ------------------------------------------

_ADDRESS_FIELDS = ("id", "street", "number", "postcode", "city", "country", "region")


def _address_document(address: Address) -> dict[str, str]:
    return {name: getattr(address, name) for name in _ADDRESS_FIELDS}


def _address_from(document: dict[str, str]) -> Address:
    return Address(**{name: document.get(name, "") for name in _ADDRESS_FIELDS})


def _place_document(place: Place) -> dict[str, Any]:
    return {
        "address_id": place.address_id,
        "address": _address_document(place.address) if place.address else None,
    }


def _place(document: dict[str, Any]) -> Place:
    address = document.get("address")
    return Place(
        address_id=document.get("address_id", ""),
        address=_address_from(address) if address else None,
    )


def _answer_document(answer: PlaceServices) -> dict[str, Any]:
    return {
        "address": _address_document(answer.address) if answer.address else None,
        "services": [
            [
                s.technology,
                s.max_down_mbps,
                s.max_up_mbps,
                s.available_from.isoformat() if s.available_from else "",
                s.has_capacity,
                list(s.product_specification_ids),
            ]
            for s in answer.services
        ],
        "suggestions": [_address_document(a) for a in answer.suggestions],
    }


def _answer(document: dict[str, Any]) -> PlaceServices:
    address = document.get("address")
    return PlaceServices(
        address=_address_from(address) if address else None,
        services=tuple(
            AvailableService(
                technology=technology,
                max_down_mbps=down,
                max_up_mbps=up,
                available_from=date.fromisoformat(day) if day else None,
                has_capacity=capacity,
                product_specification_ids=tuple(specs),
            )
            for technology, down, up, day, capacity, specs in document.get("services", [])
        ),
        suggestions=tuple(_address_from(a) for a in document.get("suggestions", [])),
    )


def _item_document(item: ServiceItem) -> dict[str, Any]:
    place = item.place
    return {
        "id": item.id,
        "address_id": place.address_id,
        "address": _address_document(place.address) if place.address else None,
        "product_specification_id": item.product_specification_id,
        "offering_id": item.offering_id,
        "characteristics": [
            [c.name, list(c.values), [k.value for k in c.kinds]] for c in item.characteristics
        ],
    }


def _item(document: dict[str, Any]) -> ServiceItem:
    address = document.get("address")
    return ServiceItem(
        id=document["id"],
        place=Place(
            address_id=document.get("address_id", ""),
            address=_address_from(address) if address else None,
        ),
        product_specification_id=document.get("product_specification_id", ""),
        offering_id=document.get("offering_id", ""),
        characteristics=tuple(
            RequestedCharacteristic(name, tuple(values), tuple(ValueKind(k) for k in kinds))
            for name, values, kinds in document.get("characteristics", [])
        ),
    )


def _result_document(result: ServiceResult) -> dict[str, Any]:
    need = result.need
    return {
        "item_id": result.item_id,
        "outcome": result.outcome.value,
        "address_id": result.address_id,
        "technology": result.technology,
        "need": [list(need.technologies), need.down_mbps, need.up_mbps],
        "reasons": [[r.code, r.label] for r in result.reasons],
        "alternatives": [
            [
                a.technology,
                a.max_down_mbps,
                a.max_up_mbps,
                a.available_from.isoformat() if a.available_from else "",
            ]
            for a in result.alternatives
        ],
        "suggested_addresses": [_address_document(a) for a in result.suggested_addresses],
    }


def _result(document: dict[str, Any]) -> ServiceResult:
    technologies, down, up = document["need"]
    return ServiceResult(
        item_id=document["item_id"],
        outcome=Feasibility(document["outcome"]),
        address_id=document.get("address_id", ""),
        technology=document.get("technology", ""),
        need=ServiceNeed(technologies=tuple(technologies), down_mbps=down, up_mbps=up),
        reasons=tuple(Reason(code, label) for code, label in document.get("reasons", [])),
        alternatives=tuple(
            Alternative(
                technology=technology,
                max_down_mbps=max_down,
                max_up_mbps=max_up,
                available_from=date.fromisoformat(day) if day else None,
            )
            for technology, max_down, max_up, day in document.get("alternatives", [])
        ),
        suggested_addresses=tuple(
            _address_from(a) for a in document.get("suggested_addresses", [])
        ),
    )


__all__ = [
    "Recording",
    "SqlAccessNodes",
    "SqlAddressRegister",
    "SqlAvailabilityQueries",
    "SqlCoverageRegister",
    "SqlFeasibilityChecks",
    "check_from_row",
    "query_from_row",
]
