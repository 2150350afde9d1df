"""Proto <-> domain mapping for the catalog context: pure functions, explicit enum tables."""
