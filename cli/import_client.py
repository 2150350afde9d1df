"""The client side of CatalogService.ImportCatalog: records streamed in chunks, blocking.

Synchronous on purpose: a CLI needs no event loop, and a sync stub can be driven by
grpcio-testing in unit tests (tests/unit/cli/test_import_client.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from ordercapture.catalog.v1 import catalog_service_pb2, catalog_service_pb2_grpc, import_pb2

DEFAULT_CHUNK_SIZE = 200


def chunks(
    records: Sequence[import_pb2.CatalogRecord],
    chunk_size: int,
    on_sent: Callable[[int], None] = lambda _: None,
) -> Iterator[catalog_service_pb2.ImportCatalogRequest]:
    """One request per `chunk_size` records, in file order. `on_sent(n)` runs once gRPC has
    taken the chunk that brings the count of sent records to n."""
    if chunk_size < 1:
        raise ValueError("chunk_size must be at least 1")
    for start in range(0, len(records), chunk_size):
        chunk = records[start : start + chunk_size]
        yield catalog_service_pb2.ImportCatalogRequest(records=chunk)
        on_sent(start + len(chunk))


def import_catalog(
    stub: catalog_service_pb2_grpc.CatalogServiceStub,
    records: Sequence[import_pb2.CatalogRecord],
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    timeout: float | None = None,
    on_sent: Callable[[int], None] = lambda _: None,
) -> catalog_service_pb2.ImportCatalogResponse:
    """Streams every record and returns the server's summary; raises grpc.RpcError.
    The server applies the whole stream or nothing."""
    return stub.ImportCatalog(chunks(records, chunk_size, on_sent), timeout=timeout)
