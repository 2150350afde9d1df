"""TMF645 JSON <-> ordercapture.feasibility.v1 messages, one module per concept."""
