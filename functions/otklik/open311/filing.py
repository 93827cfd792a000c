"""How a request filed through Open311 is kept in an appeal, and how its parts are read back for publication.

A filing is a reception appeal whose source account is `open311:<key id>`. Its text is the description followed
by the address the client gave, on a labelled line of its own, so that operators read everything in one place;
an address given with coordinates is also the location's place."""
from __future__ import annotations

from dataclasses import dataclass

from otklik.domain.model import Appeal, Channel, Location

ACCOUNT_PREFIX = "open311:"
ADDRESS_LABEL = "\nАдрес: "
ADDRESS_ID_LABEL = "\nКод адреса: "


@dataclass(frozen=True)
class FiledText:
    description: str
    address: str | None = None
    address_id: str | None = None


def account_of(key_id: str) -> str:
    return f"{ACCOUNT_PREFIX}{key_id}"


def is_filed_through_open311(appeal: Appeal) -> bool:
    return appeal.channel is Channel.RECEPTION and appeal.source.account.startswith(ACCOUNT_PREFIX)


def filed_text(description: str, address: str | None, address_id: str | None) -> str:
    if address:
        return f"{description}{ADDRESS_LABEL}{address}"
    if address_id:
        return f"{description}{ADDRESS_ID_LABEL}{address_id}"
    return description


def split_filed_text(text: str, location: Location | None) -> FiledText:
    """The inverse of filed_text. With coordinates the address, if any, is the location's place, so the split is
    exact; without them the last labelled line is the address (a description can hold a label line itself)."""
    if location is not None:
        if location.place and text.endswith(ADDRESS_LABEL + location.place):
            return FiledText(text.removesuffix(ADDRESS_LABEL + location.place), address=location.place)
        return FiledText(text)
    address_at, address_id_at = text.rfind(ADDRESS_LABEL), text.rfind(ADDRESS_ID_LABEL)
    if address_at < 0 and address_id_at < 0:
        return FiledText(text)
    if address_at > address_id_at:
        return FiledText(text[:address_at], address=text[address_at + len(ADDRESS_LABEL):])
    return FiledText(text[:address_id_at], address_id=text[address_id_at + len(ADDRESS_ID_LABEL):])
