"""What the NATS event sink tests share: NATS (the server of ORDERCAPTURE_TEST_NATS_URL, default
nats://127.0.0.1:4222, JetStream enabled, or a private nats-server a test stops and starts), a
stream, bucket and subject prefix per test, a real gRPC tier on 127.0.0.1 that a test can
restart, and ways to look at what was published.

Without NATS the tests skip, saying why, except under CI=true, where they fail: CI must run
them (as tests/conftest.py does for PostgreSQL). A test module imports the fixtures it uses
(`from ... import nats_client_fixture  # noqa: F401`)."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import secrets
import shutil
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import grpc
import nats.errors
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError

from ordercapture.catalog.v1 import catalog_pb2, catalog_service_pb2_grpc
from ordercapture.catalog.v1 import catalog_service_pb2 as cs
from rest_facade.notification.nats_jetstream import JetStreamNames
from rest_facade.notification.nats_sink import NatsSinkOptions
from servers.app import create_server, stop_server
from servers.settings import Settings

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub

NATS_URL_VARIABLE = "ORDERCAPTURE_TEST_NATS_URL"
DEFAULT_NATS_URL = "nats://127.0.0.1:4222"
WAIT_SECONDS = 20.0


@pytest.fixture(name="backend")
def backend_fixture() -> str:
    """The sink never touches the database: one backend is enough (overrides tests/conftest)."""
    return "sqlite"


def _nats_unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}; CI=true requires the NATS tests to run")
    pytest.skip(reason)


async def _quiet(error: Exception) -> None:
    return None


async def connected(url: str) -> Client:
    """A connection that does not reconnect; raises when NATS (with JetStream) is not there."""
    client = Client()
    try:
        # nats-py retries even the first connect up to max_reconnect_attempts times.
        await client.connect(
            url,
            allow_reconnect=False,
            connect_timeout=2,
            max_reconnect_attempts=1,
            reconnect_time_wait=0,
            error_cb=_quiet,
        )
        await client.jetstream().account_info()
    except BaseException:
        await client.close()
        raise
    return client


@pytest.fixture(name="nats_url")
def nats_url_fixture() -> str:
    return os.environ.get(NATS_URL_VARIABLE, "").strip() or DEFAULT_NATS_URL


@pytest.fixture(name="nats_client")
async def nats_client_fixture(nats_url: str) -> AsyncIterator[Client]:
    """The test's own connection (to watch and clean up); skips (or fails) without NATS."""
    try:
        client = await connected(nats_url)
    except (OSError, TimeoutError, nats.errors.Error) as error:
        _nats_unavailable(
            f"NATS with JetStream at {nats_url} ({NATS_URL_VARIABLE}) is unreachable: "
            f"{type(error).__name__} {error}"
        )
    yield client
    await client.close()


def unique_names() -> JetStreamNames:
    token = secrets.token_hex(4)
    return JetStreamNames(
        stream=f"OC_TEST_{token}",
        subject_prefix=f"octest.{token}.events",
        cursor_bucket=f"oc_test_{token}",
    )


@pytest.fixture(name="names")
async def names_fixture(nats_client: Client) -> AsyncIterator[JetStreamNames]:
    """A stream, bucket and subject prefix no other test uses; deleted afterwards."""
    names = unique_names()
    yield names
    js = nats_client.jetstream()
    with contextlib.suppress(NotFoundError):
        await js.delete_stream(names.stream)
    with contextlib.suppress(NotFoundError):
        await js.delete_key_value(names.cursor_bucket)


def quick(names: JetStreamNames) -> NatsSinkOptions:
    """Options with retries in fractions of a second."""
    return NatsSinkOptions(
        names=names, timeout_seconds=1.0, first_retry_seconds=0.05, most_retry_seconds=0.5
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@dataclass
class SinkTier:
    """A gRPC tier on 127.0.0.1 over one database; restart() keeps its port."""

    settings: Settings
    port: int = 0
    server: grpc.aio.Server | None = None
    channel: grpc.aio.Channel | None = None

    @property
    def target(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def catalog(self) -> CatalogServiceAsyncStub:
        assert self.channel is not None, "the tier is stopped"
        stub: CatalogServiceAsyncStub = catalog_service_pb2_grpc.CatalogServiceStub(self.channel)
        return stub

    async def start(self) -> None:
        self.server, self.port = await create_server(self.target, self.settings)
        self.channel = grpc.aio.insecure_channel(self.target)

    async def stop(self) -> None:
        if self.channel is not None:
            await self.channel.close()
            self.channel = None
        if self.server is not None:
            await stop_server(self.server, grace=1.0)
            self.server = None


@pytest.fixture(name="sink_tier")
async def sink_tier_fixture(database_url: str, tmp_path: Path) -> AsyncIterator[SinkTier]:
    tier = SinkTier(Settings(database_url=database_url, import_folder=tmp_path))
    await tier.start()
    try:
        yield tier
    finally:
        await tier.stop()


@pytest.fixture(name="seeded_sink_tier")
async def seeded_sink_tier_fixture(
    seeded_database_url: str, tmp_path: Path
) -> AsyncIterator[SinkTier]:
    """Over a copy of the demo-seeded database (customers, addresses, network, catalog)."""
    settings = Settings(database_url=seeded_database_url, import_folder=tmp_path)
    tier = SinkTier(dataclasses.replace(settings, seed_demo_data=True))
    await tier.start()
    try:
        yield tier
    finally:
        await tier.stop()


async def last_on(client: Client, names: JetStreamNames, event_type: str) -> RawStreamMsg:
    """The last message stored on the event type's subject, waiting for one."""
    js = client.jetstream()
    subject = names.subject(event_type)

    async def found() -> bool:
        with contextlib.suppress(NotFoundError):
            await js.get_last_msg(names.stream, subject)
            return True
        return False

    await eventually(found, f"a message on {subject}")
    return await js.get_last_msg(names.stream, subject)


@dataclass
class PrivateNats:
    """A nats-server of the test's own on a free loopback port, stopped and started at will;
    its JetStream files survive a restart."""

    store: Path
    port: int = field(default_factory=free_port)
    process: asyncio.subprocess.Process | None = None

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    async def start(self) -> None:
        binary = shutil.which("nats-server")
        assert binary is not None
        self.process = await asyncio.create_subprocess_exec(
            *(binary, "-a", "127.0.0.1", "-p", str(self.port), "-js", "-sd", str(self.store)),
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.DEVNULL,
        )

        async def answers() -> bool:
            with contextlib.suppress(OSError, TimeoutError, nats.errors.Error):
                await (await connected(self.url)).close()
                return True
            return False

        await eventually(answers, f"nats-server on port {self.port}")

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.terminate()
            await self.process.wait()
        self.process = None


@pytest.fixture(name="private_nats")
async def private_nats_fixture(tmp_path: Path) -> AsyncIterator[PrivateNats]:
    if shutil.which("nats-server") is None:
        pytest.skip("no nats-server on PATH to run a NATS server this test can restart")
    server = PrivateNats(tmp_path / "nats")
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


@dataclass
class Watcher:
    """Every message published on the test's subjects, whether the stream stored it or not."""

    received: list[Msg]


@pytest.fixture(name="watcher")
async def watcher_fixture(nats_client: Client, names: JetStreamNames) -> AsyncIterator[Watcher]:
    watched = Watcher([])

    async def keep(message: Msg) -> None:
        watched.received.append(message)

    subscription = await nats_client.subscribe(f"{names.subject_prefix}.>", cb=keep)
    await nats_client.flush()
    yield watched
    await subscription.unsubscribe()


async def eventually(check: Callable[[], Awaitable[bool]], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not await check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        await asyncio.sleep(0.05)


async def stored(client: Client, names: JetStreamNames) -> list[RawStreamMsg]:
    """The messages of the test's stream, oldest first; none when it does not exist yet."""
    js = client.jetstream()
    try:
        state = (await js.stream_info(names.stream)).state
    except NotFoundError:
        return []
    if state.messages == 0:
        return []
    sequences = range(state.first_seq, state.last_seq + 1)
    return [await js.get_msg(names.stream, seq) for seq in sequences]


async def wait_for_stored(client: Client, names: JetStreamNames, count: int) -> list[RawStreamMsg]:
    async def enough() -> bool:
        return len(await stored(client, names)) >= count

    await eventually(enough, f"{count} message(s) in stream {names.stream}")
    return await stored(client, names)


async def cursor(client: Client, names: JetStreamNames, source: str) -> int:
    bucket = await client.jetstream().key_value(names.cursor_bucket)
    return int(((await bucket.get(source)).value or b"0").partition(b" ")[0])


async def wait_for_cursor(client: Client, names: JetStreamNames, source: str, at: int) -> None:
    async def reached() -> bool:
        try:
            return await cursor(client, names, source) == at
        except NotFoundError:
            return False

    await eventually(reached, f"the {source} cursor at {at}")


async def create_category(tier: SinkTier, category_id: str) -> None:
    category = catalog_pb2.Category(id=category_id, name=f"Category {category_id}")
    await tier.catalog.CreateCategory(cs.CreateCategoryRequest(category=category))


def body(message: RawStreamMsg | Msg) -> dict[str, object]:
    assert message.data is not None
    found: dict[str, object] = json.loads(message.data)
    return found


def category_id(message: RawStreamMsg | Msg) -> object:
    event = body(message)["event"]
    assert isinstance(event, dict)
    return event["category"]["id"]


def sequence_of(message: RawStreamMsg | Msg) -> int:
    return int((message.headers or {})["Ordercapture-Sequence"])
