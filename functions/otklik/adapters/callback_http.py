"""POSTing callbacks over HTTP with bounded time: a slow receiver must not hold the push past its deadline."""
from __future__ import annotations

from urllib.parse import urlsplit

import httpx

from otklik.on_first_use import OnFirstUse
from otklik.services.ports import HttpAnswer


class HttpCallbackSender:
    def __init__(self, timeout_seconds: float = 10.0, connect_timeout_seconds: float = 3.0) -> None:
        timeout = httpx.Timeout(timeout_seconds, connect=connect_timeout_seconds)
        # Made on the first callback sent: its TLS context costs a cold instance ~20 ms.
        self._client = OnFirstUse(lambda: httpx.Client(timeout=timeout, follow_redirects=False,
                                                       headers={"User-Agent": "otklik-callbacks/1"}))

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> HttpAnswer:
        try:
            response = self._client.get().post(url, content=body, headers=headers)
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            # The host only: a callback URL's query may carry a token.
            return HttpAnswer(status_code=None, problem=f"{type(error).__name__} ({urlsplit(url).hostname})")
        return HttpAnswer(status_code=response.status_code)
