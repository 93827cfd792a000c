"""The social networks residents write in: one package per network (vk, telegram, ok, max), each with its webhook
module, its reply client and its fake API (not deployed); events.py, replies.py and reply_clients.py hold what
they share. Importing this package loads nothing: a webhook's instance loads its own network only."""
