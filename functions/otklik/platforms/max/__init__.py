"""MAX: the Bot API updates posted to max_webhook and what they mean (webhook.py), and how answers go back
(replies.py)."""
