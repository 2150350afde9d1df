"""TMF notifications: hubs of every API, event envelopes and hub queries."""
