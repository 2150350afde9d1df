"""ImportJob <-> ImportJob."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.catalog.v1 import import_pb2
from rest_facade.catalog.mapping.entity import text
from rest_facade.extension_attributes import merged
from rest_facade.tmf_values import Hrefs, JsonObject, invalid, timestamp_to_tmf

TMF_TYPE = "ImportJob"
COLLECTION = "importJob"

JS = import_pb2.ImportJobState
# JobStateType of the v5 schema (exact spellings, with the space) <-> ImportJobState.
JOB_STATES: Mapping[str, import_pb2.ImportJobState.ValueType] = {
    "Not Started": JS.IMPORT_JOB_STATE_NOT_STARTED,
    "Running": JS.IMPORT_JOB_STATE_RUNNING,
    "Succeeded": JS.IMPORT_JOB_STATE_SUCCEEDED,
    "Failed": JS.IMPORT_JOB_STATE_FAILED,
}
JOB_STATE_NAMES = {state: name for name, state in JOB_STATES.items()}
# Output-only attributes a client may echo on create; they are ignored.
SERVER_MANAGED = frozenset({"id", "href", "status", "errorLog", "creationDate", "completionDate"})


def to_tmf(job: import_pb2.ImportJob, hrefs: Hrefs) -> JsonObject:
    document: JsonObject = {
        "id": job.id,
        "href": hrefs.of(COLLECTION, job.id),
        "@type": TMF_TYPE,
        "url": job.source_url,
    }
    if job.content_type:
        document["contentType"] = job.content_type
    if job.state in JOB_STATE_NAMES:
        document["status"] = JOB_STATE_NAMES[job.state]
    if job.error_log:
        document["errorLog"] = job.error_log
    if job.create_time.ListFields():
        document["creationDate"] = timestamp_to_tmf(job.create_time)
    if job.completion_time.ListFields():
        document["completionDate"] = timestamp_to_tmf(job.completion_time)
    return merged(document, job.extension)


def from_tmf(document: Mapping[str, Any]) -> import_pb2.ImportJob:
    url = text(document, "url")
    if not url:
        raise invalid("url", "the URL of the catalog file is required")
    return import_pb2.ImportJob(source_url=url, content_type=text(document, "contentType"))
