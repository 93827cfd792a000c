"""Photo reports attached to answers: checked by content, stripped of metadata, scaled down, re-encoded.

This module holds the rules and their vocabulary; the work itself, with Pillow, is photo_processing.clean_photo,
imported only where a photo is processed (Pillow takes tens of milliseconds to load).

Decisions:
- The format is recognised from the bytes only; the file name is used in messages, never for detection.
- JPEG files with an MPF segment (many phone cameras: depth maps, HDR gain maps) open as "MPO";
  they are JPEG photos and are re-encoded as plain JPEG.
- Animated PNG/WebP and multi-picture JPEG keep their first frame only: a photo report is a still picture,
  and refusing a resident's forwarded animation would help nobody.
- Every metadata block (EXIF with GPS, XMP, comments, text chunks) is dropped. The ICC colour profile is kept
  when the colours stay in its colour space, because dropping a Display P3 profile visibly shifts colours
  and a profile tells nothing about the person; it is dropped when CMYK is converted to RGB.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTOS_PER_ANSWER = 10
MAX_LONG_SIDE = 1600
# 50 megapixels admits the 48-50 MP photos of current phones; decoded as RGBA that is still ~200 MB,
# while a bigger canvas in a file under 10 MB is almost certainly a decompression bomb.
MAX_PIXELS = 50_000_000

ALLOWED_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}


class RejectionReason(StrEnum):
    TOO_LARGE = "too_large"
    NOT_AN_IMAGE = "not_an_image"
    FORMAT_NOT_ALLOWED = "format_not_allowed"
    DAMAGED = "damaged"
    DECOMPRESSION_BOMB = "decompression_bomb"
    TOO_MANY = "too_many"


class PhotoRejected(ValueError):
    def __init__(self, reason: RejectionReason, file_name: str, detail: str) -> None:
        subject = f"{file_name}: " if file_name else ""
        super().__init__(f"{subject}{detail}")
        self.reason: str = reason
        self.file_name = file_name


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    content_type: str
    width: int
    height: int
    sha256: str
    extension: str


def check_batch(count: int) -> None:
    if count > MAX_PHOTOS_PER_ANSWER:
        raise PhotoRejected(
            RejectionReason.TOO_MANY, "",
            f"{count} photos attached, at most {MAX_PHOTOS_PER_ANSWER} are allowed per answer",
        )
