"""Photo storage against the real Cloud Storage emulator, started and stopped by this module."""
from __future__ import annotations

import io
import os
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterator

import pytest
from google.cloud import storage
from PIL import Image

from otklik.adapters.photo_storage import CloudStoragePhotos, storage_client
from otklik.devstack.storage_emulator import StorageEmulator
from otklik.domain.photo_processing import clean_photo
from otklik.domain.photos import CleanPhoto
from otklik.services.ports import PhotoNotFound

PROJECT_ID = "otklik-photos-test"


@pytest.fixture(scope="module")
def emulator() -> Iterator[StorageEmulator]:
    started = StorageEmulator().start()
    try:
        with pytest.MonkeyPatch.context() as patch:
            for name, value in started.environment().items():
                patch.setenv(name, value)
            storage_client.cache_clear()
            yield started
    finally:
        storage_client.cache_clear()
        started.stop()


@pytest.fixture(scope="module")
def client(emulator: StorageEmulator) -> storage.Client:
    return storage_client(PROJECT_ID)


@pytest.fixture
def photos(client: storage.Client) -> CloudStoragePhotos:
    store = CloudStoragePhotos(lambda: client, f"photos-{uuid.uuid4().hex[:8]}")
    store.ensure_bucket()
    return store


def a_photo(colour: tuple[int, int, int], image_format: str = "JPEG") -> CleanPhoto:
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), colour).save(buffer, format=image_format)
    return clean_photo(buffer.getvalue(), f"report.{image_format.lower()}")


def test_the_client_talks_to_the_emulator(client: storage.Client, emulator: StorageEmulator) -> None:
    assert client.api_endpoint == emulator.url


def test_put_then_get_returns_the_same_bytes(photos: CloudStoragePhotos) -> None:
    photo = a_photo((200, 30, 30))
    name = photos.put("vk-abc", "ans-1", photo)
    assert photos.get(name) == photo.data


def test_object_name_and_content_type(photos: CloudStoragePhotos, client: storage.Client) -> None:
    photo = a_photo((30, 200, 30), "PNG")
    name = photos.put("tg-123", "ans-7", photo)
    assert name == f"appeals/tg-123/answers/ans-7/{photo.sha256[:16]}.png"
    stored = client.bucket(photos.bucket_name).get_blob(name)
    assert stored is not None
    assert stored.content_type == "image/png"
    assert stored.size == len(photo.data)


def test_putting_the_same_photo_again_keeps_one_object(photos: CloudStoragePhotos, client: storage.Client) -> None:
    photo = a_photo((30, 30, 200))
    first = photos.put("ok-9", "ans-2", photo)
    second = photos.put("ok-9", "ans-2", photo)
    other = photos.put("ok-9", "ans-2", a_photo((250, 250, 0)))
    assert first == second != other
    listed = [blob.name for blob in client.list_blobs(photos.bucket_name, prefix="appeals/ok-9/answers/ans-2/")]
    assert sorted(listed) == sorted({first, other})


def test_ensure_bucket_is_repeatable(photos: CloudStoragePhotos) -> None:
    photos.ensure_bucket()


def test_a_missing_photo(photos: CloudStoragePhotos) -> None:
    with pytest.raises(PhotoNotFound):
        photos.get("appeals/none/answers/none/0000000000000000.jpg")


def test_ids_cannot_escape_their_folder(photos: CloudStoragePhotos) -> None:
    with pytest.raises(ValueError):
        photos.put("../other", "ans-1", a_photo((1, 2, 3)))


def test_stop_leaves_no_emulator_process() -> None:
    emulator = StorageEmulator().start()
    group = emulator.process_group_id
    assert group is not None and _group_alive(group)
    emulator.stop()
    assert not _group_alive(group)
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(f"{emulator.url}/", timeout=2)


def _group_alive(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except ProcessLookupError:
        return False
    return True
