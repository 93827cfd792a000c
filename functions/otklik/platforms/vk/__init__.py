"""VK: what its Callback API posts to vk_webhook and what it means (webhook.py), how answers go back (replies.py),
and a fake VK API for the tests and the local stack (fake.py, not deployed)."""
