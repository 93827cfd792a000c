"""Photo reports cleaned with Pillow: recognise, check, decode, normalise, scale and re-encode.

Import it where a photo is processed, not with the service that may process one: loading Pillow costs every cold
instance tens of milliseconds (see photos.py for the rules and the decisions this implements)."""
from __future__ import annotations

import hashlib
import io
from typing import Any

from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

from otklik.domain.photos import (
    ALLOWED_FORMATS,
    EXTENSIONS,
    MAX_LONG_SIDE,
    MAX_PHOTO_BYTES,
    MAX_PIXELS,
    CleanPhoto,
    PhotoRejected,
    RejectionReason,
)

# Pillow's names for files that are one of the allowed formats underneath.
_FORMAT_ALIASES = {"MPO": "JPEG"}

_JPEG_QUALITY = 85
_WEBP_QUALITY = 85
# Decode JPEGs at no less than twice the target size (as Image.thumbnail does) so downscaling stays sharp.
_DRAFT_MARGIN = 2
_KEPT_MODES = frozenset({"L", "LA", "RGB", "RGBA"})
_SIXTEEN_BIT_GREY_MODES = frozenset({"I", "I;16", "I;16B", "I;16L", "I;16N"})
_MODES_WITH_FOREIGN_PROFILE = frozenset({"CMYK", "YCbCr", "LAB", "HSV"})


def clean_photo(data: bytes, file_name: str) -> CleanPhoto:
    _check_size(data, file_name)
    image = _open(data, file_name)
    try:
        output_format = _FORMAT_ALIASES.get(str(image.format), str(image.format))
        _check_pixels(image, file_name)
        cleaned, icc_profile = _decode_and_normalise(image, file_name)
    finally:
        image.close()
    encoded = _encode(cleaned, output_format, icc_profile, file_name)
    return CleanPhoto(
        data=encoded,
        content_type=ALLOWED_FORMATS[output_format],
        width=cleaned.width,
        height=cleaned.height,
        sha256=hashlib.sha256(encoded).hexdigest(),
        extension=EXTENSIONS[output_format],
    )


def _check_size(data: bytes, file_name: str) -> None:
    if not data:
        raise PhotoRejected(RejectionReason.NOT_AN_IMAGE, file_name, "the file is empty")
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRejected(
            RejectionReason.TOO_LARGE, file_name,
            f"the file is {len(data) / 1024 / 1024:.1f} MB, the limit is {MAX_PHOTO_BYTES // 1024 // 1024} MB",
        )


def _open(data: bytes, file_name: str) -> ImageFile.ImageFile:
    """Reads only the header, with only the decoders of the allowed formats."""
    try:
        return Image.open(io.BytesIO(data), formats=tuple(ALLOWED_FORMATS))
    except Image.DecompressionBombError as error:
        raise _bomb(file_name, str(error)) from None
    except UnidentifiedImageError:
        raise _unrecognised(data, file_name) from None
    except Exception as error:  # a malformed header can raise almost any exception inside Pillow
        raise _damaged(file_name, error) from None


def _unrecognised(data: bytes, file_name: str) -> PhotoRejected:
    """Tells a picture in another format from something that is no picture at all, for a helpful message."""
    try:
        with Image.open(io.BytesIO(data)) as other:
            found = other.format
    except Exception:  # any failure here just means "not an image"
        found = None
    if found:
        allowed = ", ".join(ALLOWED_FORMATS)
        return PhotoRejected(
            RejectionReason.FORMAT_NOT_ALLOWED, file_name, f"{found} images are not accepted, only {allowed}"
        )
    return PhotoRejected(RejectionReason.NOT_AN_IMAGE, file_name, "the file is not an image")


def _check_pixels(image: Image.Image, file_name: str) -> None:
    width, height = image.size
    if width < 1 or height < 1:
        raise PhotoRejected(RejectionReason.DAMAGED, file_name, f"the image declares a size of {width}x{height}")
    if width * height > MAX_PIXELS:
        raise _bomb(file_name, f"{width}x{height} is {width * height:,} pixels")


def _decode_and_normalise(image: ImageFile.ImageFile, file_name: str) -> tuple[Image.Image, bytes | None]:
    """Decodes the first frame upright, in an 8-bit mode every output format can hold, at the final size."""
    try:
        source_mode = image.mode
        icc_profile = image.info.get("icc_profile")
        image.draft(None, _scaled(_fitted_size(image.size), _DRAFT_MARGIN))  # JPEG only; others ignore it
        upright = ImageOps.exif_transpose(image)
        normalised = _to_working_mode(upright)
        resized = _resize(normalised)
    except PhotoRejected:
        raise
    except Image.DecompressionBombError as error:
        raise _bomb(file_name, str(error)) from None
    except Exception as error:  # truncated or corrupt data fails in the decoder with varied types
        raise _damaged(file_name, error) from None
    resized.info = {}  # Pillow's encoders fall back to image.info for EXIF, XMP, comments and profiles
    keeps_profile = icc_profile if source_mode not in _MODES_WITH_FOREIGN_PROFILE else None
    return resized, keeps_profile


def _fitted_size(size: tuple[int, int]) -> tuple[int, int]:
    width, height = size
    scale = MAX_LONG_SIDE / max(width, height)
    if scale >= 1:
        return width, height
    return max(1, round(width * scale)), max(1, round(height * scale))


def _scaled(size: tuple[int, int], factor: int) -> tuple[int, int]:
    return size[0] * factor, size[1] * factor


def _to_working_mode(image: Image.Image) -> Image.Image:
    if image.mode in _KEPT_MODES:
        return image
    if image.mode in _SIXTEEN_BIT_GREY_MODES:
        # Pillow's convert("L") clips 16-bit values at 255 instead of scaling them.
        return image.convert("I").point(lambda value: value / 256).convert("L")
    if image.has_transparency_data:
        return image.convert("RGBA")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")


def _resize(image: Image.Image) -> Image.Image:
    target = _fitted_size(image.size)
    if target == image.size:
        return image.copy()  # detaches the pixels from the file object and its metadata
    return image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(image: Image.Image, output_format: str, icc_profile: bytes | None, file_name: str) -> bytes:
    options = _encoder_options(output_format)
    if icc_profile:
        options["icc_profile"] = icc_profile
    buffer = io.BytesIO()
    try:
        image.save(buffer, format=output_format, **options)
    except Exception as error:  # reported as a damaged file rather than a server error
        raise _damaged(file_name, error) from None
    return buffer.getvalue()


def _encoder_options(output_format: str) -> dict[str, Any]:
    if output_format == "JPEG":
        return {"quality": _JPEG_QUALITY, "optimize": True, "progressive": True}
    if output_format == "PNG":
        return {"optimize": True}
    return {"quality": _WEBP_QUALITY}


def _bomb(file_name: str, detail: str) -> PhotoRejected:
    return PhotoRejected(
        RejectionReason.DECOMPRESSION_BOMB, file_name,
        f"the image is too big to decode safely ({detail}); the limit is {MAX_PIXELS:,} pixels",
    )


def _damaged(file_name: str, error: BaseException) -> PhotoRejected:
    return PhotoRejected(RejectionReason.DAMAGED, file_name, f"the image is damaged or truncated ({error})")
