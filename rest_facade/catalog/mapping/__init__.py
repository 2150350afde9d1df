"""TMF620 JSON <-> ordercapture.catalog.v1 messages: one module per resource, one function per
direction, explicit enum tables. Hand-written on purpose: TMF shapes (`@type`, references,
`href`) do not map 1:1 onto the internal contract."""
