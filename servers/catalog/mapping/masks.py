"""Update masks. Proto field names equal the domain attribute names by design, so a mask
path's first segment names the attribute; nested paths replace the whole attribute. The
domain refuses attributes that may not change (id, timestamps) and unknown names."""

from __future__ import annotations

from google.protobuf.field_mask_pb2 import FieldMask


def fields_from(mask: FieldMask) -> frozenset[str]:
    return frozenset(path.split(".", 1)[0] for path in mask.paths if path)
