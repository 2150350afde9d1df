"""Cancellation requests as CancellationRequest messages (output only: a request is asked
with its own fields in RequestCancellationRequest)."""

from __future__ import annotations

from domain.ordering.cancellation import Cancellation
from ordercapture.ordering.v1 import cancellation_pb2 as pb
from servers.catalog.mapping.values import stamp
from servers.extensions import extension_to
from servers.ordering.mapping.enums import cancellation_state_to


def cancellation_to(task: Cancellation) -> pb.CancellationRequest:
    return pb.CancellationRequest(
        id=task.id,
        order_id=task.order_id,
        reason=task.reason,
        requested_cancellation_time=stamp(task.requested_cancellation_time),
        state=cancellation_state_to(task.state),
        rejection_reason=task.rejection_reason,
        create_time=stamp(task.create_time),
        effective_cancellation_time=stamp(task.effective_cancellation_time),
        extension=extension_to(task.extension),
    )
