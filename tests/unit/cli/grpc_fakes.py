"""grpcio-testing plays the server side of CatalogService.ImportCatalog for the CLI's client.

This is where grpcio-testing serves the project: it drives SYNC client code (the CLI's blocking
stub). It cannot drive the async servicers (it returns their un-awaited coroutines), which are
tested against a real grpc.aio server on port 0 instead."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, TypeVar

import grpc
import grpc_testing
from google.protobuf import any_pb2
from google.rpc import code_pb2, error_details_pb2, status_pb2

from ordercapture.catalog.v1 import catalog_service_pb2

SERVICE = catalog_service_pb2.DESCRIPTOR.services_by_name["CatalogService"]
IMPORT_CATALOG = SERVICE.methods_by_name["ImportCatalog"]
T = TypeVar("T")


def fake_server_channel() -> Any:
    return grpc_testing.channel([SERVICE], grpc_testing.strict_real_time())


@dataclass
class ImportCall:
    """The server's view of one ImportCatalog call."""

    rpc: Any

    def take_chunks(self, count: int) -> list[catalog_service_pb2.ImportCatalogRequest]:
        """The first `count` streamed chunks, once the client has closed the stream."""
        self.rpc.requests_closed()
        return [self.rpc.take_request() for _ in range(count)]

    def succeed(self, response: catalog_service_pb2.ImportCatalogResponse) -> None:
        self.rpc.terminate(response, (), grpc.StatusCode.OK, "")

    def reject(self, status: status_pb2.Status) -> None:
        metadata = (("grpc-status-details-bin", status.SerializeToString()),)
        code = next(c for c in grpc.StatusCode if c.value[0] == status.code)
        self.rpc.terminate(None, metadata, code, status.message)


@contextmanager
def client_in_thread(call: Callable[[], T]) -> Iterator[Future[T]]:
    """Runs the blocking client call in a thread while the test plays the server."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        yield pool.submit(call)


def take_import_call(channel: Any) -> ImportCall:
    """Blocks until the client under test starts an ImportCatalog call."""
    _, rpc = channel.take_stream_unary(IMPORT_CATALOG)
    return ImportCall(rpc)


def catalog_file_invalid(*violations: tuple[str, str]) -> status_pb2.Status:
    """The status the server sends when it refuses a catalog file."""
    info, bad_request = any_pb2.Any(), any_pb2.Any()
    info.Pack(
        error_details_pb2.ErrorInfo(reason="CATALOG_FILE_INVALID", domain="ordercapture.catalog")
    )
    bad_request.Pack(
        error_details_pb2.BadRequest(
            field_violations=[
                error_details_pb2.BadRequest.FieldViolation(field=f, description=d)
                for f, d in violations
            ]
        )
    )
    return status_pb2.Status(
        code=code_pb2.INVALID_ARGUMENT,
        message="the catalog file is invalid; nothing was stored",
        details=[info, bad_request],
    )
