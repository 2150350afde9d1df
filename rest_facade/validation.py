"""Connexion parameter validation that names the parameter at fault.

Connexion's own messages say what is wrong ("0 is less than the minimum of 1") but not where;
a TMF Error should name the parameter. Raised as TmfError so the one error path renders it.
"""

from __future__ import annotations

from typing import Any

from connexion.validators import ParameterValidator

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
