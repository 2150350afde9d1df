"""Connexion request validation adjusted for TMF errors.

Connexion's own messages say what is wrong ("0 is less than the minimum of 1") but not where;
a TMF Error should name the parameter. Raised as TmfError so the one error path renders it.

Connexion decodes a JSON body before parsing it and lets a body that is not UTF-8 escape as a
UnicodeDecodeError (a 500); such a body is not JSON (RFC 8259 requires UTF-8), so it is a 400
`MALFORMED_JSON` like any other unparsable body.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from typing import Any

from connexion.datastructures import MediaTypeDict
from connexion.validators import VALIDATOR_MAP, JSONRequestBodyValidator, ParameterValidator

from rest_facade.errors import bad_request


class NamingParameterValidator(ParameterValidator):  # type: ignore[misc]
    @staticmethod
    def validate_parameter(
        parameter_type: str, value: Any, param: dict[str, Any], param_name: str | None = None
    ) -> None:
        error = ParameterValidator.validate_parameter(parameter_type, value, param, param_name)
        if error:
            sentence = str(error).split("\n\n", 1)[0]
            raise bad_request(
                f"INVALID_{parameter_type.upper()}_PARAMETER",
                f"{parameter_type.capitalize()} parameter '{param['name']}': {sentence}",
            )


class DecodingJSONRequestBodyValidator(JSONRequestBodyValidator):  # type: ignore[misc]
    async def _parse(self, stream: AsyncGenerator[bytes, None], scope: Any) -> Any:
        body = b"".join([message async for message in stream])
        try:
            body.decode(self._encoding)
        except UnicodeDecodeError as error:
            raise bad_request(
                "MALFORMED_JSON",
                f"The body is not valid JSON: it is not {self._encoding} "
                f"(byte {error.start} cannot be decoded)",
            ) from None

        async def replay() -> AsyncIterator[bytes]:
            yield body

        return await super()._parse(replay(), scope=scope)


def validator_map() -> dict[str, Any]:
    """Connexion's validators with the two above in place of its own."""
    body = MediaTypeDict(dict(VALIDATOR_MAP["body"]))
    body["*/*json"] = DecodingJSONRequestBodyValidator
    return {"parameter": NamingParameterValidator, "body": body}
