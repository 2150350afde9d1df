"""TMF679 JSON <-> ordercapture.qualification.v1 messages, one module per concern."""
