"""GeoReport v2's XML form of the wire models, as the specification shows it: a root element holding one element
per item (<services><service>…, <service_requests><request>…, <errors><error>…), each field an element of the
same name with its JSON value as text; null is an empty element, booleans are true and false."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

MEDIA_TYPE = "application/xml; charset=utf-8"
# Characters XML 1.0 cannot carry. Published texts are already free of them (publication.publishable_text); this
# keeps any other value from making the document unreadable.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Shape:
    root: str
    item: str


SERVICES = Shape("services", "service")
SERVICE_REQUESTS = Shape("service_requests", "request")
ERRORS = Shape("errors", "error")


def document(shape: Shape, items: Sequence[BaseModel]) -> bytes:
    # Imported on first use: a cold instance answering JSON never loads the XML libraries (about 3 ms).
    import xml.etree.ElementTree as ElementTree

    root = ElementTree.Element(shape.root)
    for item in items:
        element = ElementTree.SubElement(root, shape.item)
        for name, value in item.model_dump(mode="json").items():
            ElementTree.SubElement(element, name).text = _text(value)
    xml: bytes = ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)
    return xml


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return _NOT_IN_XML.sub("\ufffd", str(value))
    raise TypeError(f"GeoReport v2 fields are scalars, not {type(value).__name__}")
