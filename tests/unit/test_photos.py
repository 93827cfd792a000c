"""Photo cleaning: every input is generated here, so each test shows exactly what it feeds in."""
from __future__ import annotations

import io
import struct
import zlib
from typing import Any

import pytest
from PIL import ExifTags, Image, ImageCms

from otklik.domain.photo_processing import clean_photo
from otklik.domain.photos import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS_PER_ANSWER,
    PhotoRejected,
    RejectionReason,
    check_batch,
)

RED = (255, 0, 0)
BLUE = (0, 0, 255)
ORIENTATION_ROTATE_90_CW = 6  # EXIF: display after turning the stored pixels 90 degrees clockwise


def encoded(image: Image.Image, image_format: str, **options: Any) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=image_format, **options)
    return buffer.getvalue()


def reopened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def red_left_blue_right(width: int, height: int) -> Image.Image:
    image = Image.new("RGB", (width, height), BLUE)
    image.paste(RED, (0, 0, width // 2, height))
    return image


def exif_with_gps_and_orientation(orientation: int) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = orientation
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (46.0, 57.0, 30.0),
        ExifTags.GPS.GPSLongitudeRef: "E",
        ExifTags.GPS.GPSLongitude: (142.0, 44.0, 10.0),
    }
    return exif


def png_header_only(width: int, height: int) -> bytes:
    """A PNG that declares a size and carries one empty row: what a decompression bomb looks like to a parser."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00" * (width + 1))) + chunk(b"IEND", b""))


def rejection(data: bytes, file_name: str = "photo.jpg") -> PhotoRejected:
    with pytest.raises(PhotoRejected) as caught:
        clean_photo(data, file_name)
    assert caught.value.file_name == file_name
    assert file_name in str(caught.value)
    return caught.value


class TestMetadataAndOrientation:
    @pytest.fixture
    def phone_jpeg(self) -> bytes:
        data = encoded(red_left_blue_right(400, 200), "JPEG", quality=95,
                       exif=exif_with_gps_and_orientation(ORIENTATION_ROTATE_90_CW),
                       xmp=b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret place</x:xmpmeta>",
                       comment=b"taken at home")
        source = Image.open(io.BytesIO(data))
        assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo), "the input must really carry GPS"
        assert "xmp" in source.info
        return data

    def test_all_metadata_is_dropped(self, phone_jpeg: bytes) -> None:
        photo = clean_photo(phone_jpeg, "IMG_0001.jpg")
        output = reopened(photo.data)
        assert len(output.getexif()) == 0
        assert not output.getexif().get_ifd(ExifTags.IFD.GPSInfo)
        assert {"exif", "xmp", "comment"}.isdisjoint(output.info)
        for marker in (b"Exif\x00\x00", b"PhoneMaker", b"secret place", b"taken at home"):
            assert marker not in photo.data

    def test_orientation_is_applied_to_the_pixels(self, phone_jpeg: bytes) -> None:
        photo = clean_photo(phone_jpeg, "IMG_0001.jpg")
        output = reopened(photo.data).convert("RGB")
        assert (photo.width, photo.height) == output.size == (200, 400)
        # Turned clockwise, the stored left (red) half becomes the top.
        assert_close(output.getpixel((100, 50)), RED)
        assert_close(output.getpixel((100, 350)), BLUE)

    def test_orientation_is_applied_when_a_large_jpeg_is_decoded_reduced(self) -> None:
        data = encoded(red_left_blue_right(4000, 3000), "JPEG",
                       exif=exif_with_gps_and_orientation(ORIENTATION_ROTATE_90_CW))
        photo = clean_photo(data, "big.jpg")
        output = reopened(photo.data).convert("RGB")
        assert output.size == (1200, 1600)
        assert_close(output.getpixel((600, 100)), RED)
        assert_close(output.getpixel((600, 1500)), BLUE)


class TestScaling:
    def test_long_side_is_brought_down_to_1600_keeping_the_aspect(self) -> None:
        photo = clean_photo(encoded(red_left_blue_right(4000, 3000), "JPEG"), "big.jpg")
        assert (photo.width, photo.height) == reopened(photo.data).size == (1600, 1200)

    def test_portrait_long_side_is_the_height(self) -> None:
        photo = clean_photo(encoded(Image.new("RGB", (1000, 3200), RED), "JPEG"), "tall.jpg")
        assert (photo.width, photo.height) == (500, 1600)

    def test_small_images_are_not_upscaled(self) -> None:
        photo = clean_photo(encoded(Image.new("RGB", (640, 480), RED), "JPEG"), "small.jpg")
        assert (photo.width, photo.height) == reopened(photo.data).size == (640, 480)


class TestFormats:
    def test_jpeg_stays_jpeg(self) -> None:
        photo = clean_photo(encoded(Image.new("RGB", (64, 48), RED), "JPEG"), "a.jpeg")
        assert (reopened(photo.data).format, photo.content_type, photo.extension) == ("JPEG", "image/jpeg", "jpg")

    def test_png_with_alpha_stays_png_with_alpha(self) -> None:
        source = Image.new("RGBA", (3200, 1600), (*RED, 255))
        source.paste((0, 0, 0, 0), (0, 0, 1600, 1600))
        photo = clean_photo(encoded(source, "PNG"), "scheme.png")
        output = reopened(photo.data)
        assert (output.format, output.mode, output.size) == ("PNG", "RGBA", (1600, 800))
        assert (photo.content_type, photo.extension) == ("image/png", "png")
        assert output.getpixel((100, 400))[3] == 0
        assert output.getpixel((1500, 400)) == (*RED, 255)

    def test_palette_png_with_transparency_keeps_it(self) -> None:
        source = Image.new("P", (40, 20), 1)
        source.putpalette([0, 0, 0, *RED] + [0] * 762)
        source.paste(0, (0, 0, 20, 20))
        photo = clean_photo(encoded(source, "PNG", transparency=0), "icon.png")
        output = reopened(photo.data).convert("RGBA")
        assert output.getpixel((5, 5))[3] == 0
        assert output.getpixel((35, 5)) == (*RED, 255)

    def test_sixteen_bit_grey_png_is_scaled_not_clipped(self) -> None:
        source = Image.new("I;16", (32, 32), 0x8000)
        output = reopened(clean_photo(encoded(source, "PNG"), "scan.png").data)
        assert output.mode == "L"
        assert output.getpixel((0, 0)) == 0x80

    def test_webp_stays_webp(self) -> None:
        photo = clean_photo(encoded(Image.new("RGB", (2000, 1000), BLUE), "WEBP"), "photo.webp")
        output = reopened(photo.data)
        assert (output.format, output.size) == ("WEBP", (1600, 800))
        assert (photo.content_type, photo.extension) == ("image/webp", "webp")

    def test_webp_with_alpha_keeps_alpha(self) -> None:
        source = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
        source.paste((*BLUE, 255), (50, 0, 100, 100))
        output = reopened(clean_photo(encoded(source, "WEBP", lossless=True), "sticker.webp").data)
        assert output.mode == "RGBA"
        assert output.getpixel((10, 50))[3] == 0

    def test_animated_webp_keeps_its_first_frame(self) -> None:
        frames = [Image.new("RGB", (80, 60), colour) for colour in (RED, BLUE)]
        data = encoded(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100)
        assert Image.open(io.BytesIO(data)).n_frames == 2
        output = reopened(clean_photo(data, "anim.webp").data)
        assert getattr(output, "n_frames", 1) == 1
        assert_close(output.convert("RGB").getpixel((40, 30)), RED)

    def test_multi_picture_jpeg_becomes_plain_jpeg(self) -> None:
        frames = [Image.new("RGB", (80, 60), colour) for colour in (RED, BLUE)]
        data = encoded(frames[0], "MPO", save_all=True, append_images=frames[1:])
        assert Image.open(io.BytesIO(data)).format == "MPO"
        photo = clean_photo(data, "phone.jpg")
        output = reopened(photo.data)
        assert (output.format, photo.content_type) == ("JPEG", "image/jpeg")
        assert_close(output.getpixel((40, 30)), RED)

    def test_cmyk_jpeg_becomes_rgb_without_its_cmyk_profile(self) -> None:
        data = encoded(Image.new("CMYK", (64, 48), (0, 255, 255, 0)), "JPEG", icc_profile=b"fake cmyk profile")
        output = reopened(clean_photo(data, "print.jpg").data)
        assert output.mode == "RGB"
        assert "icc_profile" not in output.info
        assert_close(output.getpixel((10, 10)), RED)

    def test_rgb_colour_profile_is_kept(self) -> None:
        profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
        data = encoded(Image.new("RGB", (64, 48), RED), "JPEG", icc_profile=profile)
        assert reopened(clean_photo(data, "p3.jpg").data).info.get("icc_profile") == profile

    def test_same_input_gives_the_same_bytes_and_hash(self) -> None:
        data = encoded(red_left_blue_right(2400, 1800), "JPEG")
        first, second = clean_photo(data, "a.jpg"), clean_photo(data, "b.jpg")
        assert first == second
        assert len(first.sha256) == 64


class TestRejections:
    def test_a_text_file_named_jpg(self) -> None:
        error = rejection(b"Dear administration, please fix the road.\n" * 20, "road.jpg")
        assert error.reason == RejectionReason.NOT_AN_IMAGE

    def test_an_empty_file(self) -> None:
        assert rejection(b"", "empty.jpg").reason == RejectionReason.NOT_AN_IMAGE

    def test_an_image_in_a_format_not_allowed(self) -> None:
        error = rejection(encoded(Image.new("RGB", (10, 10), RED), "GIF"), "funny.gif")
        assert error.reason == RejectionReason.FORMAT_NOT_ALLOWED
        assert "GIF" in str(error)

    def test_a_png_declared_as_jpeg_is_judged_by_content(self) -> None:
        photo = clean_photo(encoded(Image.new("RGB", (10, 10), RED), "PNG"), "photo.jpg")
        assert photo.content_type == "image/png"

    def test_a_truncated_jpeg(self) -> None:
        noise = Image.effect_noise((512, 512), 80).convert("RGB")
        data = encoded(noise, "JPEG")
        error = rejection(data[: len(data) // 2], "cut.jpg")
        assert error.reason == RejectionReason.DAMAGED

    def test_a_file_over_10_mb(self) -> None:
        data = encoded(Image.new("RGB", (10, 10), RED), "JPEG")
        error = rejection(data + b"\x00" * (MAX_PHOTO_BYTES + 1 - len(data)), "huge.jpg")
        assert error.reason == RejectionReason.TOO_LARGE
        assert "10 MB" in str(error)

    def test_exactly_10_mb_is_not_too_large(self) -> None:
        data = encoded(Image.new("RGB", (10, 10), RED), "JPEG")
        padded = data + b"\x00" * (MAX_PHOTO_BYTES - len(data))  # bytes after the JPEG end marker are ignored
        assert clean_photo(padded, "padded.jpg").width == 10

    def test_a_png_declaring_a_size_beyond_pillows_own_limit(self) -> None:
        error = rejection(png_header_only(100_000, 100_000), "bomb.png")
        assert error.reason == RejectionReason.DECOMPRESSION_BOMB

    def test_a_png_declaring_more_pixels_than_a_photo_may_have(self) -> None:
        assert Image.MAX_IMAGE_PIXELS is None or 8000 * 7000 < Image.MAX_IMAGE_PIXELS, "must be ours, not Pillow's"
        error = rejection(png_header_only(8000, 7000), "bomb.png")
        assert error.reason == RejectionReason.DECOMPRESSION_BOMB

    def test_an_image_with_a_corrupt_body(self) -> None:
        data = bytearray(encoded(Image.effect_noise((256, 256), 80).convert("RGB"), "PNG"))
        data[200:400] = b"\xAA" * 200
        assert rejection(bytes(data), "broken.png").reason == RejectionReason.DAMAGED


class TestBatch:
    def test_ten_photos_are_allowed(self) -> None:
        check_batch(MAX_PHOTOS_PER_ANSWER)

    def test_eleven_photos_are_refused(self) -> None:
        with pytest.raises(PhotoRejected) as caught:
            check_batch(MAX_PHOTOS_PER_ANSWER + 1)
        assert caught.value.reason == RejectionReason.TOO_MANY
        assert "11" in str(caught.value)


def assert_close(actual: Any, expected: tuple[int, ...], tolerance: int = 40) -> None:
    """JPEG and lossy WebP shift colours a little, and CMYK to RGB conversion is approximate."""
    assert all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True)), (actual, expected)
