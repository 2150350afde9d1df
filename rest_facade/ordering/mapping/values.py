"""The order's descriptive attributes: relatedParty, channel, externalId, note, billingAccount.

References (`partyOrPartyRole`, `channel`, `billingAccount`) are kept by id; their `href` and
`@referredType` decorate the reference and are accepted without being kept, as the other APIs do.
The other attributes of the RelatedChannel (its `role`) are kept with the channel's reference
(`channel_extras`, in the order's extension under `channel`) and merged back into it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ordercapture.ordering.v1 import order_pb2
from ordercapture.type.v1 import reference_pb2
from rest_facade.extension_attributes import element_extras
from rest_facade.tmf_readers import member, nested, path, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid, timestamp_from_tmf, timestamp_to_tmf

REFERENCE_ACCEPTED = ("id", "href", "name", "@referredType")
PARTY_ACCEPTED = ("role", "partyOrPartyRole")
CHANNEL_ACCEPTED = ("channel",)
CHANNEL_TYPE = "RelatedChannel"
EXTERNAL_ID_ACCEPTED = ("id", "owner", "externalIdentifierType")
NOTE_ACCEPTED = ("id", "author", "date", "text")


def reference(document: Mapping[str, Any], attribute: str, where: str) -> Mapping[str, Any]:
    """The reference under `attribute` (absent: empty), checked: an `id` is required."""
    if document.get(attribute) is None:
        return {}
    found = nested(document, attribute, where)
    at = path(where, attribute)
    refuse_unknown(found, REFERENCE_ACCEPTED, at)
    if not text(found, "id", at):
        raise invalid(at, "a reference needs an 'id'")
    return found


# --- relatedParty ------------------------------------------------------------------------------


def parties_from_tmf(entries: Sequence[Any]) -> list[reference_pb2.PartyReference]:
    parties: list[reference_pb2.PartyReference] = []
    for index, entry in enumerate(entries):
        where = f"relatedParty[{index}]"
        party = member(entry, where)
        refuse_unknown(party, PARTY_ACCEPTED, where)
        ref = reference(party, "partyOrPartyRole", where)
        if not ref:
            raise invalid(f"{where}.partyOrPartyRole", "the party's reference is required")
        parties.append(
            reference_pb2.PartyReference(
                id=text(ref, "id"),
                role=text(party, "role", where),
                name=text(ref, "name", f"{where}.partyOrPartyRole"),
            )
        )
    return parties


def parties_to_tmf(parties: Sequence[reference_pb2.PartyReference]) -> list[JsonObject]:
    rendered: list[JsonObject] = []
    for party in parties:
        ref: JsonObject = {"@type": "PartyRef", "id": party.id}
        if party.name:
            ref["name"] = party.name
        entry: JsonObject = {"@type": "RelatedPartyRefOrPartyRoleRef", "partyOrPartyRole": ref}
        if party.role:
            entry["role"] = party.role
        rendered.append(entry)
    return rendered


# --- channel -----------------------------------------------------------------------------------


def channel_from_tmf(entries: Sequence[Any]) -> str:
    """The one sales channel's id ("" when none)."""
    if len(entries) > 1:
        raise invalid("channel", "an order is taken through one channel")
    if not entries:
        return ""
    related = member(entries[0], "channel[0]")
    ref = reference(related, "channel", "channel[0]")
    if not ref:
        raise invalid("channel[0].channel", "the channel's reference is required")
    return text(ref, "id")


def channel_extras(entries: Sequence[Any]) -> list[JsonObject]:
    """The kept attributes of the one RelatedChannel (its `role`, a subtype's own), with the
    channel's reference that identifies it; [] when it has none. Call after
    `channel_from_tmf`, which checks the entries."""
    if not entries:
        return []
    related = member(entries[0], "channel[0]")
    channel_id = text(reference(related, "channel", "channel[0]"), "id")
    extras = element_extras(
        related, CHANNEL_ACCEPTED, {"channel": {"id": channel_id}}, CHANNEL_TYPE
    )
    return [] if extras is None else [extras]


def channel_to_tmf(channel: str) -> list[JsonObject]:
    if not channel:
        return []
    return [{"@type": CHANNEL_TYPE, "channel": {"@type": "ChannelRef", "id": channel}}]


# --- externalId --------------------------------------------------------------------------------


def external_ids_from_tmf(entries: Sequence[Any]) -> list[order_pb2.ExternalId]:
    found: list[order_pb2.ExternalId] = []
    for index, entry in enumerate(entries):
        where = f"externalId[{index}]"
        value = member(entry, where)
        refuse_unknown(value, EXTERNAL_ID_ACCEPTED, where)
        identifier = text(value, "id", where)
        if not identifier:
            raise invalid(f"{where}.id", "the identifier is required")
        found.append(
            order_pb2.ExternalId(
                id=identifier,
                owner=text(value, "owner", where),
                kind=text(value, "externalIdentifierType", where),
            )
        )
    return found


def external_ids_to_tmf(external_ids: Sequence[order_pb2.ExternalId]) -> list[JsonObject]:
    rendered: list[JsonObject] = []
    for external in external_ids:
        entry: JsonObject = {"@type": "ExternalIdentifier", "id": external.id}
        if external.owner:
            entry["owner"] = external.owner
        if external.kind:
            entry["externalIdentifierType"] = external.kind
        rendered.append(entry)
    return rendered


# --- note --------------------------------------------------------------------------------------


def notes_from_tmf(entries: Sequence[Any]) -> list[order_pb2.Note]:
    found: list[order_pb2.Note] = []
    for index, entry in enumerate(entries):
        where = f"note[{index}]"
        value = member(entry, where)
        refuse_unknown(value, NOTE_ACCEPTED, where)
        note = order_pb2.Note(
            id=text(value, "id", where),
            author=text(value, "author", where),
            text=text(value, "text", where),
        )
        if value.get("date") is not None:
            note.create_time.CopyFrom(timestamp_from_tmf(value["date"], f"{where}.date"))
        found.append(note)
    return found


def notes_to_tmf(notes: Sequence[order_pb2.Note]) -> list[JsonObject]:
    rendered: list[JsonObject] = []
    for note in notes:
        entry: JsonObject = {"@type": "Note"}
        if note.id:
            entry["id"] = note.id
        if note.author:
            entry["author"] = note.author
        if note.HasField("create_time"):
            entry["date"] = timestamp_to_tmf(note.create_time)
        entry["text"] = note.text
        rendered.append(entry)
    return rendered


# --- billingAccount ----------------------------------------------------------------------------


def billing_account_from_tmf(document: Mapping[str, Any]) -> str:
    return text(reference(document, "billingAccount", ""), "id")


def billing_account_to_tmf(account_id: str) -> JsonObject:
    return {"@type": "BillingAccountRef", "id": account_id}
