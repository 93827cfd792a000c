"""The Pub/Sub grants of infra/ on the local test stack: a function served by devstack.server may publish only to
the topics topology.FUNCTION_NEEDS gives it, as its service account may in the cloud. Anything else fails as
PermissionDenied does there (PublishFailed) and is recorded, so that every test driving the functions checks the
declaration against what the code really publishes."""
from __future__ import annotations

from typing import Any

from otklik.devstack.server import SERVING
from otklik.services.ports import Publisher, PublishFailed
from otklik.settings import Topics
from otklik.topology import FUNCTION_NEEDS


class GrantedTopics:
    def __init__(self, publisher: Publisher, topics: Topics, refused: list[str]) -> None:
        self._publisher = publisher
        self._fields = {topics.name(getattr(topics, f)): f for f in Topics.model_fields if f != "prefix"}
        self._refused = refused

    def publish(self, topic: str, data: bytes, attributes: dict[str, str], ordering_key: str | None = None) -> str:
        function = SERVING.get()
        field = self._fields.get(topic, topic)
        if function is not None and field not in FUNCTION_NEEDS[function].publishes_to:
            self._refused.append(f"{function} published to {field}, which topology.FUNCTION_NEEDS does not let it")
            raise PublishFailed(f"403 PermissionDenied (as in the cloud): {function} may not publish to {topic}")
        return self._publisher.publish(topic, data, attributes, ordering_key)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._publisher, name)
