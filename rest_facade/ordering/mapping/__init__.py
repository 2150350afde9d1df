"""TMF622 JSON <-> ordercapture.ordering.v1 messages, one module per part of an order."""
