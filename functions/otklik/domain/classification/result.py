"""What the classifier says about a text."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Classification:
    category: str | None
    confidence: float
    triage: bool
    reasons: list[str] = field(default_factory=list)
    kind: str = "appeal"  # appeal, or what else the message is: greeting, thanks, spam, empty, chatter
