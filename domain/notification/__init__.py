"""Notifications: listeners subscribe to a context's events; each event is delivered to each
subscription at least once, retried with backoff over a horizon, and operators see and
replay what failed. Standard library only; what an event looks like on the wire is the
facade's business."""
