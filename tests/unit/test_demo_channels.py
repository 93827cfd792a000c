"""What `make run` prints about the demo town's channels: enough to point each platform at the local stack."""
from __future__ import annotations

from otklik.devstack.demo import demo_setup
from otklik.devstack.run import channel_lines
from otklik.domain.model import Channel


def test_the_vk_community_is_shown_with_its_url_secret_and_confirmation_string() -> None:
    demo = demo_setup()
    vk = next(c for c in demo.channels if c.platform is Channel.VK)
    (line,) = [line for line in channel_lines("http://127.0.0.1:8080", demo) if "VK community" in line]
    assert "http://127.0.0.1:8080/vk_webhook" in line
    assert demo.secrets[vk.webhook_secret_ref] in line
    assert vk.vk_confirmation and f"confirmation string {vk.vk_confirmation}" in line
