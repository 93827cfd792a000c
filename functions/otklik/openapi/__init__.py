"""The wire contracts in schemas/, generated from the pydantic models by `python -m otklik.openapi`
(`make schemas`): OpenAPI 3.1 documents of the HTTP functions, JSON Schemas of every HTTP body and every Pub/Sub
message body. A test fails when the committed files differ from what the code generates."""
