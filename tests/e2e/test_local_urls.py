"""Every function answers at the URL `make run` prints for it, exactly as printed: VK and the other platforms do not
follow redirects, so a redirect to the URL with a trailing slash would lose every event."""
from __future__ import annotations

import pytest
import requests

from otklik.devstack.server import function_urls
from tests.conftest import Stack

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS")
# Pages for people in a browser: HTML, and a GET without a session is sent to the function's own sign-in page.
BROWSER_FUNCTIONS = ("console",)


def test_every_printed_function_url_answers_itself_with_or_without_a_trailing_slash(
        stack: Stack, functions_server: str) -> None:
    answered: list[str] = []
    for function in function_urls(functions_server):
        for url in (function.url, f"{function.url}/"):
            # A Pub/Sub-pushed function serves POST only; what it answers to the rest is the framework's, as in
            # the cloud. Either way nothing may redirect.
            for method in METHODS:
                response = requests.request(method, url, data=b"{}", headers={"Content-Type": "application/json"},
                                            timeout=30, allow_redirects=False)
                answered.append(f"{method} {url}")
                if function.name in BROWSER_FUNCTIONS:
                    assert "default-src 'self'" in response.headers.get("Content-Security-Policy", ""), \
                        f"{method} {url} was not answered by the function: {response.status_code}"
                    assert response.headers.get("Location") in (None, f"/{function.name}/sign-in")
                    continue
                assert not 300 <= response.status_code < 400, \
                    f"{method} {url} redirects to {response.headers.get('Location')}"
                if method == "POST" or not function.pushed:
                    assert "text/html" not in response.headers.get("Content-Type", ""), \
                        f"{method} {url} was not answered by the function: {response.status_code} {response.text[:200]}"
    assert len(answered) == len(function_urls(functions_server)) * 2 * len(METHODS)


@pytest.mark.parametrize("path", ["vk_webhook", "vk_webhook/"])
def test_vk_is_answered_its_confirmation_string_at_the_bare_url(stack: Stack, functions_server: str,
                                                                path: str) -> None:
    response = requests.post(f"{functions_server}/{path}", json={"type": "confirmation", "group_id": 218734512},
                             timeout=30, allow_redirects=False)
    assert (response.status_code, response.text) == (200, "c0nf1rm")
