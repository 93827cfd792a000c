"""VK: what its Callback API posts to vk_webhook and what it means (webhook.py), and how answers go back
(replies.py)."""
