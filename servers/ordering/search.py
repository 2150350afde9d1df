"""How orders and cancellation requests appear in their search documents: as
ProductOrderingService returns them. The unit of work takes these from the wiring, so the
persistence layer needs no proto mapping of its own."""

from __future__ import annotations

from servers.ordering.mapping.cancellations import cancellation_to
from servers.ordering.mapping.orders import order_to
from servers.persistence.ordering_repositories import OrderingSearch

ORDERING_SEARCH = OrderingSearch(order=order_to, cancellation=cancellation_to)
