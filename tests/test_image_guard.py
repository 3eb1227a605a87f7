"""Hostile and unusual image files: each is either decoded correctly or refused with a clear reason."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image
from skimage import data

from common.images import ImageLimits, ImageRejected, check_image_bytes, decode_image, read_image_file, sniff_format
from tests.image_bytes import encode, png_claiming

ASTRONAUT = data.astronaut()


@pytest.fixture(scope="module")
def photo() -> Image.Image:
    return Image.fromarray(ASTRONAUT)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "BMP", "TIFF", "GIF"])
def test_every_allowed_format_decodes_to_the_same_picture(photo, fmt):
    decoded = decode_image(encode(photo, fmt))
    assert decoded.rgb.shape == ASTRONAUT.shape and decoded.rgb.dtype == np.uint8
    tolerance = 40 if fmt == "GIF" else 12   # GIF is palette-quantised
    assert np.abs(decoded.rgb.astype(int) - ASTRONAUT).mean() < tolerance
    assert decoded.format == ("JPEG" if fmt == "JPEG" else fmt)


def test_the_format_is_decided_by_content_never_by_name(tmp_path, photo):
    renamed = tmp_path / "holiday.txt"
    renamed.write_bytes(encode(photo, "JPEG"))
    assert read_image_file(renamed).rgb.shape == ASTRONAUT.shape
    fake = tmp_path / "selfie.jpg"
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    with pytest.raises(ImageRejected) as refused:
        read_image_file(fake)
    assert refused.value.code == "not_an_image" and "JPEG" in refused.value.message
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
    assert sniff_format(svg) is None


def test_size_limit_is_checked_before_reading_the_whole_file(tmp_path, photo):
    big = tmp_path / "big.png"
    big.write_bytes(encode(photo.resize((1400, 1400)), "PNG"))
    limits = ImageLimits(max_bytes=200_000)
    with pytest.raises(ImageRejected) as refused:
        read_image_file(big, limits)
    assert refused.value.code == "too_large" and "MB" in refused.value.message


@pytest.mark.parametrize("size", [(30_000, 30_000), (9_000, 9_000)])
def test_decompression_bombs_are_refused_from_the_header(size):
    with pytest.raises(ImageRejected) as refused:
        check_image_bytes(png_claiming(*size), ImageLimits(max_pixels=50_000_000))
    assert refused.value.code == "too_many_pixels"


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_truncated_files_are_refused_as_damaged(photo, fmt, cut):
    payload = encode(photo, fmt)
    with pytest.raises(ImageRejected) as refused:
        decode_image(payload[: int(len(payload) * cut)])
    assert refused.value.code == "corrupt" and "damaged" in refused.value.message


def test_animated_images_use_their_first_frame(photo):
    frames = [photo, Image.fromarray(255 - ASTRONAUT)]
    decoded = decode_image(encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100))
    assert "first frame" in " ".join(decoded.notes)
    assert np.abs(decoded.rgb.astype(int) - ASTRONAUT).mean() < 40


@pytest.mark.parametrize("mode", ["CMYK", "L", "LA", "RGBA", "P", "1"])
def test_colour_modes_become_rgb(photo, mode):
    fmt = "JPEG" if mode == "CMYK" else "PNG"
    decoded = decode_image(encode(photo.convert(mode), fmt))
    assert decoded.rgb.shape == ASTRONAUT.shape


def test_sixteen_bit_images_keep_their_contrast():
    deep = (ASTRONAUT[:, :, 0].astype(np.uint16) * 257)
    decoded = decode_image(encode(Image.fromarray(deep), "PNG"))
    assert decoded.rgb.shape == ASTRONAUT.shape
    assert abs(int(decoded.rgb[:, :, 0].mean()) - int(ASTRONAUT[:, :, 0].mean())) < 3


def test_transparency_is_laid_on_white(photo):
    rgba = np.dstack([ASTRONAUT, np.zeros(ASTRONAUT.shape[:2], np.uint8)])
    decoded = decode_image(encode(Image.fromarray(rgba, "RGBA"), "PNG"))
    assert (decoded.rgb == 255).all() and "white" in " ".join(decoded.notes)


def test_exif_rotation_is_applied_and_metadata_goes_no_further(photo):
    wide = photo.resize((400, 300))
    exif = Image.Exif()
    exif[0x0112] = 6                      # rotate 90 degrees clockwise to view
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}   # GPS position
    decoded = decode_image(encode(wide, "JPEG", exif=exif))
    assert decoded.rgb.shape == (400, 300, 3)
    assert isinstance(decoded.rgb, np.ndarray)   # pixels only: nothing else leaves this module


def test_tiny_images_and_panoramas_get_a_clear_message(photo):
    with pytest.raises(ImageRejected) as tiny:
        decode_image(encode(photo.resize((40, 30)), "PNG"))
    assert tiny.value.code == "too_small" and "40×30" in tiny.value.message
    with pytest.raises(ImageRejected) as panorama:
        decode_image(encode(photo.resize((6000, 500)), "JPEG"))
    assert panorama.value.code == "bad_shape"


def test_huge_photos_are_scaled_on_decode(photo):
    decoded = decode_image(encode(photo.resize((4000, 3000)), "JPEG"), max_side=1600)
    assert max(decoded.rgb.shape[:2]) == 1600 and decoded.original_size == (4000, 3000)


def test_empty_and_random_bytes_are_refused():
    for payload in (b"", bytes(range(256)) * 10, b"\xff\xd8\xff" + b"\0" * 100):
        with pytest.raises(ImageRejected):
            decode_image(payload)
