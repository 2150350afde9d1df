"""The CLI's ImportCatalog client against grpcio-testing playing the server (see grpc_fakes)."""

from __future__ import annotations

import grpc
import pytest

from cli.import_client import chunks, import_catalog
from cli.rpc_errors import Violation, describe
from ordercapture.catalog.v1 import (
    catalog_pb2,
    catalog_service_pb2,
    catalog_service_pb2_grpc,
    import_pb2,
)
from tests.unit.cli.grpc_fakes import (
    catalog_file_invalid,
    client_in_thread,
    fake_server_channel,
    take_import_call,
)


def _records(count: int) -> list[import_pb2.CatalogRecord]:
    return [
        import_pb2.CatalogRecord(line=n, category=catalog_pb2.Category(id=f"cat-{n}"))
        for n in range(1, count + 1)
    ]


def test_chunks_keep_file_order_and_report_progress() -> None:
    sent: list[int] = []
    requests = list(chunks(_records(5), 2, sent.append))
    assert [[r.line for r in q.records] for q in requests] == [[1, 2], [3, 4], [5]]
    assert sent == [2, 4, 5]


def test_an_empty_file_sends_no_chunk() -> None:
    assert list(chunks([], 200)) == []


def test_chunk_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="chunk_size"):
        list(chunks(_records(1), 0))


def test_streams_every_record_in_chunks_and_returns_the_summary() -> None:
    channel = fake_server_channel()
    stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
    sent: list[int] = []
    records = _records(5)
    with client_in_thread(
        lambda: import_catalog(stub, records, chunk_size=2, timeout=5, on_sent=sent.append)
    ) as result:
        call = take_import_call(channel)
        streamed = call.take_chunks(3)
        call.succeed(
            catalog_service_pb2.ImportCatalogResponse(records_imported=5, created=4, replaced=1)
        )
        summary = result.result(timeout=5)

    assert [len(c.records) for c in streamed] == [2, 2, 1]
    assert [r for c in streamed for r in c.records] == records
    assert (summary.records_imported, summary.created, summary.replaced) == (5, 4, 1)
    assert sent == [2, 4, 5]


def test_a_refused_file_raises_with_the_violations_of_the_rich_status() -> None:
    channel = fake_server_channel()
    stub = catalog_service_pb2_grpc.CatalogServiceStub(channel)
    with client_in_thread(lambda: import_catalog(stub, _records(3), chunk_size=200)) as result:
        call = take_import_call(channel)
        assert len(call.take_chunks(1)[0].records) == 3
        call.reject(
            catalog_file_invalid(
                ("line 2", "offering 'off-x' names unknown price 'price-y'"),
                ("line 3", "duplicate id 'cat-3'"),
            )
        )
        with pytest.raises(grpc.RpcError) as raised:
            result.result(timeout=5)

    failure = describe(raised.value)
    assert failure.code == grpc.StatusCode.INVALID_ARGUMENT
    assert failure.reason == "CATALOG_FILE_INVALID"
    assert failure.violations == (
        Violation("line 2", "offering 'off-x' names unknown price 'price-y'"),
        Violation("line 3", "duplicate id 'cat-3'"),
    )
