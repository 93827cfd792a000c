"""The operator console: server-rendered pages (Jinja2) for operators, departments and supervisors, served by the
`console` HTTP function. Every read and action goes through the services operator_api uses, with the same checks."""
