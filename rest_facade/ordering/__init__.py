"""TMF622 Product Ordering Management v5 over ordercapture.ordering.v1."""
