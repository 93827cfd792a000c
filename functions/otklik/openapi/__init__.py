"""OpenAPI 3.1 documents of the public APIs, generated from their wire models: `python -m otklik.openapi`
writes them to schemas/ (`make schemas`); a test fails when the committed ones differ."""
