"""Place ids -> region and postcode, read from the feasibility context's address register
table with a plain Core select (the two contexts share no code, only this read)."""

from __future__ import annotations

from sqlalchemy import column, select, table
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.qualification.model import PlaceFacts

_ADDRESSES = table("feasibility_addresses", column("id"), column("postcode"), column("region"))


class AddressRegisterPlaces:
    """Implements the PlaceDirectory port."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def locate(self, place_id: str) -> PlaceFacts | None:
        statement = select(_ADDRESSES.c.postcode, _ADDRESSES.c.region).where(
            _ADDRESSES.c.id == place_id
        )
        async with self._sessions() as session:
            found = (await session.execute(statement)).first()
        if found is None:
            return None
        postcode, region = found
        return PlaceFacts(place_id=place_id, region=str(region or ""), postcode=str(postcode or ""))
