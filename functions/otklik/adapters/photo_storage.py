"""Photo reports in Cloud Storage, named by their content so a retried upload lands on the same object.

The storage library is imported, and the client made, on the first photo: most requests of the functions that
may need one (the operator API, reply delivery, the regional API) carry none, and their cold starts skip it."""
from __future__ import annotations

import os
from collections.abc import Callable
from functools import lru_cache, wraps
from typing import TYPE_CHECKING, ParamSpec, TypeVar

import requests
from google.api_core import exceptions as google_exceptions

from otklik.domain.photos import CleanPhoto
from otklik.on_first_use import OnFirstUse
from otklik.services.ports import PhotoNotFound, StorageUnavailable

if TYPE_CHECKING:
    from google.cloud import storage

STORAGE_EMULATOR_HOST = "STORAGE_EMULATOR_HOST"
_HASH_CHARS_IN_NAME = 16

P = ParamSpec("P")
R = TypeVar("R")


@lru_cache(maxsize=4)
def storage_client(project_id: str) -> storage.Client:
    """One client per process. With STORAGE_EMULATOR_HOST set, google-cloud-storage sends every request
    there with anonymous credentials; the variable must then carry a scheme, added here when it has none
    (the Firestore and Pub/Sub variables are plain host:port, so the bare form is an easy slip)."""
    from google.cloud import storage

    endpoint = _emulator_endpoint()
    if endpoint is None:
        return storage.Client(project=project_id)
    return storage.Client(project=project_id, client_options={"api_endpoint": endpoint})


def _emulator_endpoint() -> str | None:
    host = os.environ.get(STORAGE_EMULATOR_HOST)
    if not host:
        return None
    return host if "://" in host else f"http://{host}"


def photo_object_name(appeal_id: str, answer_id: str, photo: CleanPhoto) -> str:
    for label, value in (("appeal id", appeal_id), ("answer id", answer_id)):
        if not value or "/" in value or value in (".", ".."):
            raise ValueError(f"{label} {value!r} cannot be part of an object name")
    return f"appeals/{appeal_id}/answers/{answer_id}/{photo.sha256[:_HASH_CHARS_IN_NAME]}.{photo.extension}"


def _unavailable_as_storage_error(method: Callable[P, R]) -> Callable[P, R]:
    @wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except (google_exceptions.ServiceUnavailable, google_exceptions.DeadlineExceeded,
                google_exceptions.InternalServerError, google_exceptions.TooManyRequests,
                google_exceptions.RetryError, requests.exceptions.ConnectionError) as error:
            raise StorageUnavailable(str(error)) from error

    return wrapper


class CloudStoragePhotos:
    def __init__(self, connect: Callable[[], storage.Client], bucket: str) -> None:
        self._bucket_name = bucket
        self._bucket = OnFirstUse(lambda: connect().bucket(bucket))

    @property
    def bucket_name(self) -> str:
        return self._bucket_name

    @_unavailable_as_storage_error
    def put(self, appeal_id: str, answer_id: str, photo: CleanPhoto) -> str:
        name = photo_object_name(appeal_id, answer_id, photo)
        blob = self._bucket.get().blob(name)
        try:
            # Create-only: the name is the content hash, so an existing object already holds these bytes.
            blob.upload_from_string(photo.data, content_type=photo.content_type, if_generation_match=0)
        except google_exceptions.PreconditionFailed:
            pass
        return name

    @_unavailable_as_storage_error
    def get(self, object_name: str) -> bytes:
        try:
            return bytes(self._bucket.get().blob(object_name).download_as_bytes())
        except google_exceptions.NotFound:
            raise PhotoNotFound(f"no photo {object_name!r} in bucket {self.bucket_name!r}") from None

    @_unavailable_as_storage_error
    def delete(self, object_name: str) -> bool:
        try:
            self._bucket.get().blob(object_name).delete()
        except google_exceptions.NotFound:
            return False
        return True

    @_unavailable_as_storage_error
    def ensure_bucket(self) -> None:
        """For local stacks: production buckets are created by infrastructure, with their retention rules."""
        client = self._bucket.get().client
        if client.lookup_bucket(self.bucket_name) is not None:
            return
        try:
            client.create_bucket(self.bucket_name)
        except google_exceptions.Conflict:
            pass  # created meanwhile by another process of the stack
