"""MAX: the Bot API updates posted to max_webhook and what they mean (webhook.py), how answers go back
(replies.py), and a fake Bot API for the tests and the local stack (fake.py, not deployed)."""
