"""Which categories may describe the same problem (docs/domain.md, "Topic categories"), and the families the
candidates of a new appeal are looked up by.

A burst main leaves a district without cold and hot water (water, heating: "Отопление и горячая вода"); a power
outage darkens the street lights too (electricity, lighting); residents blame the management company for any of
the utilities' outages. A family holds every category any of its members covers, so that one equality on an
indexed field finds all of a new appeal's candidates."""
from __future__ import annotations

COVERS: dict[str, frozenset[str]] = {
    "water": frozenset({"heating", "management_company"}),
    "heating": frozenset({"water", "management_company"}),
    "electricity": frozenset({"lighting", "management_company"}),
    "lighting": frozenset({"electricity"}),
    "management_company": frozenset({"water", "heating", "electricity"}),
}
UTILITIES_FAMILY = "utilities"
_FAMILIES = {category: UTILITIES_FAMILY for category in COVERS}


# A problem that, said of a whole block or district, is another category's outage: the street lights of a quarter
# that went dark with everything else ("темно во всём квартале") are the power cut, not a lamp to replace.
AREA_OUTAGE_OF: dict[str, str] = {"lighting": "electricity"}


def category_family(category: str) -> str:
    """The family a category's candidates are looked up in: its own name unless it covers others."""
    return _FAMILIES.get(category, category)


def covered(first: str, second: str) -> bool:
    """Whether appeals of the two categories may be about the same problem."""
    return first == second or second in COVERS.get(first, frozenset())
