"""OK (Odnoklassniki): the group bot API messages posted to ok_webhook and what they mean (webhook.py), how answers
go back (replies.py), and a fake bot API for the tests and the local stack (fake.py, not deployed)."""
