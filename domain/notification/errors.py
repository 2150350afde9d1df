"""Errors of the notification context."""

from __future__ import annotations

from domain.shared.errors import DomainError, ErrorCategory


class CallbackNotAllowed(DomainError):
    """The callback URL is not http(s), or leads into a network the deployment keeps out of
    reach of listeners (server-side request forgery)."""

    reason = "CALLBACK_NOT_ALLOWED"
    category = ErrorCategory.INVALID


class CallbackHostUnknown(DomainError):
    """The callback's host name resolves to no address: well formed, but nothing could ever be
    delivered there, and whether it is safe to reach cannot be told."""

    reason = "CALLBACK_HOST_UNKNOWN"
    category = ErrorCategory.RULE_VIOLATED


class InvalidNotificationRequest(DomainError):
    reason = "INVALID_NOTIFICATION_REQUEST"
    category = ErrorCategory.INVALID


class SubscriptionNotFound(DomainError):
    reason = "SUBSCRIPTION_NOT_FOUND"
    category = ErrorCategory.NOT_FOUND


class ClaimLost(DomainError):
    """The relay's claim on a delivery expired and another relay has taken it since."""

    reason = "CLAIM_LOST"
    category = ErrorCategory.CONFLICT
