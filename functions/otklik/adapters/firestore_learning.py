"""The classifier's learning in Firestore: towns' labelled examples, and their learned models, versioned.

Examples: `classifier_examples/{id}`, one document each (an operator's decision is named by its appeal's id, so a
later decision replaces it, and the appeal's erasure deletes it: both in the appeal's transaction,
firestore_appeals.py). How many arrived since a town's model is counted by an aggregation query, not a counter
document every triage would contend on.

Models: `classifier_models/{town}` is the small pointer (the current version's description, the last number given);
`classifier_models/{town}/versions/{n}` holds a version's description, and its JSON document in parts of at most
CHUNK_BYTES under `.../versions/{n}/chunks/{i}` (a Firestore document holds at most 1 MiB). The parts are written
before the pointer moves, so a reader following the pointer finds the whole version; the latest few versions are
kept for rollback."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from google.cloud import firestore
from google.cloud.firestore_v1.base_query import FieldFilter

from otklik.adapters.example_documents import EXAMPLES, example_document, example_from_document
from otklik.adapters.firestore_appeals import _storage_errors
from otklik.domain.learning.operator_labels import LabelledExample
from otklik.services.ports import ModelVersion

MODELS = "classifier_models"
VERSIONS = "versions"
CHUNKS = "chunks"
CHUNK_BYTES = 900_000
_BATCH = 400  # writes per commit (Firestore takes at most 500)


class FirestoreExamples:
    """ExampleStore."""

    def __init__(self, client: firestore.Client) -> None:
        self._client = client
        self._examples = client.collection(EXAMPLES)

    @_storage_errors
    def add_all(self, examples: Sequence[LabelledExample]) -> int:
        for start in range(0, len(examples), _BATCH):
            batch = self._client.batch()
            for example in examples[start:start + _BATCH]:
                batch.set(self._examples.document(example.id), example_document(example))
            batch.commit()
        return len(examples)

    @_storage_errors
    def of_town(self, town: str) -> list[LabelledExample]:
        query = self._examples.where(filter=FieldFilter("town", "==", town))
        return [example_from_document(s.id, s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def count_since(self, town: str, since: datetime | None) -> int:
        query = self._examples.where(filter=FieldFilter("town", "==", town))
        if since is not None:
            query = query.where(filter=FieldFilter("decided_at", ">", since))
        aggregation: Any = query.count(alias="n")  # the library's stubs type get() wrongly
        (results,) = aggregation.get()
        return int(next(r.value for r in results if r.alias == "n"))


def _version_document(version: ModelVersion, chunks: int, size: int) -> dict[str, Any]:
    return {"version": version.version, "trained_at": version.trained_at, "examples": version.examples,
            "examples_until": version.examples_until, "chunks": chunks, "bytes": size}


def _version_from(town: str, data: dict[str, Any]) -> ModelVersion:
    return ModelVersion(town=town, version=int(data["version"]), trained_at=data["trained_at"],
                        examples=int(data["examples"]), examples_until=data.get("examples_until"))


class FirestoreModels:
    """ModelStore."""

    def __init__(self, client: firestore.Client, chunk_bytes: int = CHUNK_BYTES) -> None:
        self._client = client
        self._models = client.collection(MODELS)
        self._chunk_bytes = chunk_bytes

    @_storage_errors
    def current(self, town: str) -> ModelVersion | None:
        """One read: the pointer carries the current version's description."""
        pointer = self._models.document(town).get()
        current = (pointer.to_dict() or {}).get("current") if pointer.exists else None
        return _version_from(town, current) if isinstance(current, dict) else None

    @_storage_errors
    def document(self, town: str, version: int) -> str | None:
        reference = self._versions(town).document(str(version))
        snapshot = reference.get()
        if not snapshot.exists:
            return None
        chunks = int((snapshot.to_dict() or {})["chunks"])
        references = [reference.collection(CHUNKS).document(str(i)) for i in range(chunks)]
        parts = {part.reference.id: part for part in self._client.get_all(references)}  # one round trip
        if not all(r.id in parts and parts[r.id].exists for r in references):
            return None
        return "".join(str((parts[r.id].to_dict() or {})["text"]) for r in references)

    @_storage_errors
    def save(self, version: ModelVersion, document: str, keep: int) -> ModelVersion:
        number = self._next_number(version.town)
        stored = ModelVersion(version.town, number, version.trained_at, version.examples, version.examples_until)
        reference = self._versions(version.town).document(str(number))
        parts = _split(document, self._chunk_bytes)
        for start in range(0, len(parts), 4):  # ~3.6 MB a commit, under Firestore's 10 MiB
            batch = self._client.batch()
            for index, part in enumerate(parts[start:start + 4], start=start):
                batch.set(reference.collection(CHUNKS).document(str(index)), {"text": part})
            batch.commit()
        described = _version_document(stored, len(parts), len(document.encode("utf-8")))
        reference.set(described)
        self._point_to(version.town, described, only_forward=True)
        self._delete_older(version.town, keep)
        return stored

    @_storage_errors
    def versions(self, town: str) -> list[ModelVersion]:
        query = self._versions(town).order_by("version", direction=firestore.Query.DESCENDING)
        return [_version_from(town, s.to_dict() or {}) for s in query.stream()]

    @_storage_errors
    def make_current(self, town: str, version: int) -> bool:
        snapshot = self._versions(town).document(str(version)).get()
        if not snapshot.exists:
            return False
        self._point_to(town, snapshot.to_dict() or {}, only_forward=False)
        return True

    def _versions(self, town: str) -> firestore.CollectionReference:
        versions: firestore.CollectionReference = self._models.document(town).collection(VERSIONS)
        return versions

    def _next_number(self, town: str) -> int:
        reference = self._models.document(town)

        @firestore.transactional
        def take(transaction: firestore.Transaction) -> int:
            snapshot = reference.get(transaction=transaction)
            number = int((snapshot.to_dict() or {}).get("last_version", 0)) + 1 if snapshot.exists else 1
            transaction.set(reference, {"last_version": number}, merge=True)
            return number

        result: int = take(self._client.transaction())
        return result

    def _point_to(self, town: str, described: dict[str, Any], only_forward: bool) -> None:
        reference = self._models.document(town)

        @firestore.transactional
        def point(transaction: firestore.Transaction) -> None:
            snapshot = reference.get(transaction=transaction)
            current = (snapshot.to_dict() or {}).get("current") if snapshot.exists else None
            if only_forward and isinstance(current, dict) and int(current["version"]) > int(described["version"]):
                return  # a retraining that finished first stored a newer version
            transaction.set(reference, {"current": described}, merge=True)

        point(self._client.transaction())

    def _delete_older(self, town: str, keep: int) -> None:
        current = self.current(town)
        for stale in self.versions(town)[max(1, keep):]:
            if current is not None and stale.version == current.version:
                continue  # rolled back to: kept while it is current
            reference = self._versions(town).document(str(stale.version))
            for chunk in reference.collection(CHUNKS).list_documents():
                chunk.delete()
            reference.delete()


def _split(document: str, chunk_bytes: int) -> list[str]:
    """The document in parts of at most `chunk_bytes` bytes of UTF-8 each, never splitting a character."""
    parts: list[str] = []
    start = 0
    while start < len(document) or not parts:
        end = min(len(document), start + chunk_bytes)
        while len(document[start:end].encode("utf-8")) > chunk_bytes:
            end = start + max(1, (end - start) * 3 // 4)
        parts.append(document[start:end])
        start = end
    return parts
