"""Reply templates per category: supervisors edit a town's, operators and departments start answers from them."""
from __future__ import annotations

from otklik.domain.categories import CATEGORY_LABELS
from otklik.domain.principals import Principal, Role
from otklik.services.ports import ReplyTemplateStore

MAX_TEMPLATE_CHARS = 4000


class TemplateRefused(ValueError):
    pass


class ReplyTemplates:
    def __init__(self, store: ReplyTemplateStore) -> None:
        self._store = store

    def for_town(self, principal: Principal, town: str) -> dict[str, str]:
        if town not in principal.towns:
            raise PermissionError(f"no access to town {town}")
        return self._store.for_town(town)

    def save(self, principal: Principal, town: str, category: str, text: str) -> None:
        if principal.role is not Role.SUPERVISOR or town not in principal.towns:
            raise PermissionError("only the town's supervisors edit reply templates")
        if category not in CATEGORY_LABELS:
            raise TemplateRefused(f"unknown category {category}")
        if len(text) > MAX_TEMPLATE_CHARS:
            raise TemplateRefused(f"a template is at most {MAX_TEMPLATE_CHARS} characters")
        self._store.save(town, category, text.strip() or None)
