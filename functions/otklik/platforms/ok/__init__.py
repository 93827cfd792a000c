"""OK (Odnoklassniki): the group bot API messages posted to ok_webhook and what they mean (webhook.py)."""
