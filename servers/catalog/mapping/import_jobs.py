"""Import jobs. Clients only choose source_url, content_type and the extension; the rest is
output."""

from __future__ import annotations

from domain.catalog.model import ImportJob
from ordercapture.catalog.v1 import import_pb2
from servers.catalog.mapping.enums import IMPORT_JOB_STATES_OUT, import_job_state_from
from servers.catalog.mapping.values import stamp, time_from
from servers.extensions import extension_from, extension_to


def import_job_to(job: ImportJob) -> import_pb2.ImportJob:
    return import_pb2.ImportJob(
        id=job.id,
        source_url=job.source_url,
        content_type=job.content_type,
        state=IMPORT_JOB_STATES_OUT[job.state],
        error_log=job.error_log,
        records_imported=job.records_imported,
        create_time=stamp(job.create_time),
        completion_time=stamp(job.completion_time),
        extension=extension_to(job.extension),
    )


def import_job_from(message: import_pb2.ImportJob) -> ImportJob:
    """The whole job (tools, tests); the servicer reads only source_url, content_type and
    extension."""
    return ImportJob(
        id=message.id,
        source_url=message.source_url,
        content_type=message.content_type,
        state=import_job_state_from(message.state, "state"),
        error_log=message.error_log,
        records_imported=message.records_imported,
        create_time=time_from(message.create_time, message.HasField("create_time")),
        completion_time=time_from(message.completion_time, message.HasField("completion_time")),
        extension=extension_from(message.extension),
    )
