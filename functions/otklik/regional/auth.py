"""Who is calling the regional API: the signature decides, and a per-client token bucket paces them."""
from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from otklik.regional.clients import RegionalClient
from otklik.regional.signing import SignatureProblem, SignedRequest, form_problem, signature_matches
from otklik.services.ports import RegionalClientDirectory, SecretLookup

log = logging.getLogger(__name__)


class Unauthenticated(Exception):
    def __init__(self, problem: SignatureProblem) -> None:
        super().__init__(str(problem))
        self.problem = problem


class RegionalAuthenticator:
    def __init__(self, clients: RegionalClientDirectory, secrets: SecretLookup,
                 wall_clock: Callable[[], float] = time.time) -> None:
        self._clients = clients
        self._secrets = secrets
        self._wall_clock = wall_clock

    def authenticate(self, request: SignedRequest) -> RegionalClient:
        problem = form_problem(request, self._wall_clock())
        if problem is not None:
            raise Unauthenticated(problem)
        assert request.client_id is not None
        client = self._clients.get(request.client_id)
        if client is None:
            raise Unauthenticated(SignatureProblem.UNKNOWN_CLIENT)
        secret = self._secrets.get(client.secret_ref)
        if not secret:
            log.error("regional client's secret is not in the secret store",
                      extra={"client_id": client.id, "secret_ref": client.secret_ref})
            raise Unauthenticated(SignatureProblem.UNKNOWN_CLIENT)
        if not signature_matches(secret, request):
            raise Unauthenticated(SignatureProblem.BAD_SIGNATURE)
        return client


@dataclass
class _Bucket:
    tokens: float
    per_minute: int
    updated: float


class TokenBuckets:
    """Per-client token buckets of one instance: a minute's worth of requests as the burst, refilled evenly.

    Per instance on purpose: a shared counter (Firestore) would add a write to every request and contend on one
    document. In the cloud the effective limit is therefore up to rate_limit_per_minute × the instances serving
    the function (infra/ variable max_instances["regional_api"]); a hard region-wide limit belongs in front of
    the function (an API Gateway quota or a Cloud Armor rate-based rule)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._buckets: dict[str, _Bucket] = {}
        self._lock = threading.Lock()

    def take(self, key: str, per_minute: int) -> float:
        """Takes a token; 0 when allowed, else the seconds until the next token."""
        now = self._clock()
        rate = per_minute / 60.0
        with self._lock:
            bucket = self._buckets.get(key)
            if bucket is None or bucket.per_minute != per_minute:
                bucket = self._buckets[key] = _Bucket(tokens=float(per_minute), per_minute=per_minute, updated=now)
            bucket.tokens = min(float(per_minute), bucket.tokens + (now - bucket.updated) * rate)
            bucket.updated = now
            if bucket.tokens >= 1.0:
                bucket.tokens -= 1.0
                return 0.0
            return (1.0 - bucket.tokens) / rate


def retry_after_header(wait_seconds: float) -> str:
    return str(max(1, math.ceil(wait_seconds)))
