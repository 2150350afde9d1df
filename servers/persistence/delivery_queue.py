"""The relays' work queue in SQL: new events become deliveries (fan-out), due deliveries are
claimed for a lease, and each attempt's outcome is settled under its claim.

Concurrency: every claim and every settlement is a conditional UPDATE (claimed only while no
live claim holds the row; settled only under the claim's own token), so two relays never
hold one delivery at once on either backend; on PostgreSQL the candidate rows are also read
FOR UPDATE SKIP LOCKED, so relays do not queue behind each other. Fan-out advances a
subscription's cursor with the same conditional pattern, and the unique (subscription, event)
key makes a duplicate fan-out impossible."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.notification.errors import ClaimLost, SubscriptionNotFound
from domain.notification.model import (
    Claim,
    Delivery,
    DeliveryState,
    EventSource,
    Report,
    SubscriptionState,
)
from domain.notification.ports import Settlement
from servers.persistence.notification_records import (
    delivery_from,
    event_keys_after,
    subscription_from,
)
from servers.persistence.notification_rows import DeliveryRow, SubscriptionRow

PENDING = DeliveryState.PENDING.value
ACTIVE = SubscriptionState.ACTIVE.value


class SqlDeliveryQueue:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def claim(
        self,
        relay_id: str,
        limit: int,
        now: datetime,
        until: datetime,
        new_token: Callable[[], str],
    ) -> list[Claim]:
        await self._fan_out(now, new_token)
        async with self._sessions() as session, session.begin():
            candidates = select(DeliveryRow.id).where(
                DeliveryRow.state == PENDING,
                DeliveryRow.next_attempt_time <= now,
                or_(DeliveryRow.claimed_until.is_(None), DeliveryRow.claimed_until < now),
            )
            candidates = candidates.order_by(DeliveryRow.next_attempt_time).limit(limit)
            if session.get_bind().dialect.name == "postgresql":
                candidates = candidates.with_for_update(skip_locked=True)
            claimed: list[tuple[str, str]] = []
            for delivery_id in (await session.scalars(candidates)).all():
                token = new_token()
                taken = await session.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.id == delivery_id,
                        DeliveryRow.state == PENDING,
                        or_(DeliveryRow.claimed_until.is_(None), DeliveryRow.claimed_until < now),
                    )
                    .values(claim_token=token, claimed_by=relay_id, claimed_until=until)
                )
                if taken.rowcount:  # type: ignore[attr-defined]
                    claimed.append((delivery_id, token))
        if not claimed:
            return []
        async with self._sessions() as session:
            tokens = dict(claimed)
            rows = (
                await session.execute(
                    select(DeliveryRow, SubscriptionRow)
                    .join(SubscriptionRow, SubscriptionRow.id == DeliveryRow.subscription_id)
                    .where(DeliveryRow.id.in_(list(tokens)))
                    .order_by(DeliveryRow.event_sequence)
                )
            ).all()
            return [
                Claim(
                    delivery=delivery_from(row),
                    token=tokens[row.id],
                    subscription=subscription_from(subscription),
                    secret=subscription.secret,
                )
                for row, subscription in rows
            ]

    async def settle(
        self, report: Report, now: datetime, decide: Callable[[Delivery], Settlement]
    ) -> Delivery:
        async with self._sessions() as session, session.begin():
            row = await session.get(DeliveryRow, report.delivery_id)
            if row is None:
                raise SubscriptionNotFound(
                    f"no delivery {report.delivery_id!r} (its subscription was deleted)",
                    metadata={"id": report.delivery_id},
                )
            if row.claim_token != report.token or row.state != PENDING:
                raise ClaimLost(
                    f"the claim on delivery {report.delivery_id!r} was lost",
                    metadata={"id": report.delivery_id},
                )
            settlement = decide(delivery_from(row))
            row.state = settlement.state.value
            row.attempts = settlement.attempts
            row.next_attempt_time = settlement.next_attempt_time
            row.last_error = settlement.last_error
            row.delivered_time = settlement.delivered_time
            row.claim_token = row.claimed_by = row.claimed_until = None
            subscription = await session.get(SubscriptionRow, row.subscription_id)
            if subscription is not None and settlement.last_error:
                subscription.last_error = settlement.last_error
            if subscription is not None and settlement.disable_subscription:
                subscription.state = SubscriptionState.DISABLED.value
                subscription.disabled_reason = settlement.disable_subscription
                await session.execute(
                    update(DeliveryRow)
                    .where(
                        DeliveryRow.subscription_id == subscription.id,
                        DeliveryRow.state == PENDING,
                        DeliveryRow.id != row.id,
                    )
                    .values(state=DeliveryState.FAILED.value, last_error="subscription disabled")
                )
            return delivery_from(row)

    async def _fan_out(self, now: datetime, new_id: Callable[[], str]) -> None:
        """New events of each active subscription's source become its pending deliveries."""
        async with self._sessions() as session, session.begin():
            statement = select(SubscriptionRow).where(SubscriptionRow.state == ACTIVE)
            if session.get_bind().dialect.name == "postgresql":
                statement = statement.with_for_update(skip_locked=True)
            for subscription in (await session.scalars(statement)).all():
                source = EventSource(subscription.source)
                keys = await event_keys_after(session, source, subscription.cursor)
                if not keys:
                    continue
                moved = await session.execute(
                    update(SubscriptionRow)
                    .where(
                        SubscriptionRow.id == subscription.id,
                        SubscriptionRow.cursor == subscription.cursor,
                    )
                    .values(cursor=keys[-1][0])
                    .execution_options(synchronize_session=False)
                )
                if not moved.rowcount:  # type: ignore[attr-defined]
                    continue  # another relay fanned these out meanwhile
                session.add_all(
                    DeliveryRow(
                        id=new_id(),
                        subscription_id=subscription.id,
                        event_id=event_id,
                        event_sequence=sequence,
                        state=PENDING,
                        attempts=0,
                        next_attempt_time=now,
                        last_error="",
                        create_time=now,
                    )
                    for sequence, event_id in keys
                )
