"""OK (Odnoklassniki): the group bot API messages posted to ok_webhook and what they mean (webhook.py), and how
answers go back (replies.py)."""
