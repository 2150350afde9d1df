"""Proto <-> domain mapping of the feasibility context, one module per resource."""
