"""Creating a document with its write encoded straight into protobuf: the webhooks' one write.

`DocumentReference.create` builds the write through proto-plus, a Python object per field value, and then
marshals the commit request again. On the webhooks' hot path that was a quarter of the function's CPU per
request for an appeal's ~17 fields; filling the protobuf messages directly does the same in a tenth of the time.
The request sent is the one the client library would send (a test compares the two encodings), through the
same generated API client, metadata, retry and timeout. It relies on three private attributes of the client
(`_firestore_api`, `_rpc_metadata`, `_database_string`), pinned with google-cloud-firestore in requirements.txt.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from google.api_core.retry import Retry
from google.cloud import firestore
from google.cloud.firestore_v1.types import document as document_types
from google.cloud.firestore_v1.types import firestore as firestore_types
from google.cloud.firestore_v1.types import write as write_types

_CommitRequestPb = firestore_types.CommitRequest.pb()
_WritePb = write_types.Write.pb()
_ValuePb = document_types.Value.pb()


def create(client: firestore.Client, collection: str, document_id: str, data: Mapping[str, Any], *,
           retry: Retry, timeout: float) -> None:
    """Creates the document, or raises google.api_core.exceptions.AlreadyExists as `create` does."""
    request = _CommitRequestPb(database=client._database_string)
    request.writes.append(create_write(f"{client._database_string}/documents/{collection}/{document_id}", data))
    client._firestore_api.commit(request=firestore_types.CommitRequest.wrap(request),
                                 metadata=client._rpc_metadata, retry=retry, timeout=timeout)


def create_write(name: str, data: Mapping[str, Any]) -> Any:
    """The Write protobuf of creating document `name` (a full resource name) with `data`."""
    write = _WritePb()
    write.update.name = name
    for key, value in data.items():
        _fill(write.update.fields[key], value)
    write.current_document.exists = False
    return write


def _fill(target: Any, value: Any) -> None:
    if value is None:
        target.null_value = 0
    elif isinstance(value, bool):
        target.boolean_value = value
    elif isinstance(value, int):
        target.integer_value = value
    elif isinstance(value, float):
        target.double_value = value
    elif isinstance(value, str):
        target.string_value = value
    elif isinstance(value, datetime):
        target.timestamp_value.FromDatetime(value)  # a naive one is taken as UTC, as the library does
    elif isinstance(value, bytes):
        target.bytes_value = value
    elif isinstance(value, (list, tuple)):
        target.array_value.SetInParent()
        for item in value:
            _fill(target.array_value.values.add(), item)
    elif isinstance(value, Mapping):
        target.map_value.SetInParent()
        for key, item in value.items():
            _fill(target.map_value.fields[key], item)
    else:
        raise TypeError(f"cannot store {type(value).__name__} in Firestore")
