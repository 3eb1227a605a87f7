"""Image bytes in; a plain upright RGB array, or a message a person can act on, out: the one
decoder for shoppers' uploads, product photos and the try-on engine's own files.

Shoppers upload selfies and shops link product photos, so every image is hostile until
checked: the format is decided by the file's content (never its name), the byte size and
the pixel count (read from the header) are bounded before anything is decoded, and the
result is bare pixels, so EXIF (GPS position, camera serial) and other metadata never go
further than this module.
"""

from __future__ import annotations

import io
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps

# Content signatures of the formats we accept, and the Pillow decoders allowed to read them.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\xff\xd8\xff", 0, "JPEG"),
    (b"\x89PNG\r\n\x1a\n", 0, "PNG"),
    (b"GIF87a", 0, "GIF"),
    (b"GIF89a", 0, "GIF"),
    (b"WEBP", 8, "WEBP"),
    (b"BM", 0, "BMP"),
    (b"II*\x00", 0, "TIFF"),
    (b"MM\x00*", 0, "TIFF"),
)
# Pillow's debug log prints every EXIF tag it parses, GPS position included; keep it quiet
# whatever level the application logs at.
logging.getLogger("PIL").setLevel(logging.INFO)
DECODERS = ("JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF")  # Pillow's JPEG decoder also reads MPO
FORMAT_NAMES = "JPEG, PNG, WEBP, GIF, BMP or TIFF"


@dataclass(frozen=True)
class ImageLimits:
    """What an upload may be. Defaults suit phone photos; the app makes them configurable."""

    max_bytes: int = 10 * 1024 * 1024
    max_pixels: int = 50_000_000
    min_side: int = 64
    max_aspect: float = 8.0

    @classmethod
    def from_env(cls) -> "ImageLimits":
        """Limits from SHOP_UPLOAD_MAX_MB and SHOP_UPLOAD_MAX_MEGAPIXELS when set."""
        limits = cls()
        megabytes = os.environ.get("SHOP_UPLOAD_MAX_MB")
        megapixels = os.environ.get("SHOP_UPLOAD_MAX_MEGAPIXELS")
        return cls(
            max_bytes=int(float(megabytes) * 1024 * 1024) if megabytes else limits.max_bytes,
            max_pixels=int(float(megapixels) * 1_000_000) if megapixels else limits.max_pixels,
        )


# A shop's product photo: any size a shop uploads, but big enough to show and not a strip.
PHOTO_LIMITS = ImageLimits(max_bytes=20 * 1024 * 1024, max_pixels=50_000_000, min_side=32, max_aspect=8.0)


class ImageRejected(ValueError):
    """An image we will not use; `code` is stable for programs, `message` is for people."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class DecodedImage:
    rgb: np.ndarray                 # H x W x 3 uint8, orientation applied, no metadata
    format: str
    original_size: tuple[int, int]  # (width, height) as stored in the file
    notes: tuple[str, ...] = ()     # what was done to make it usable, e.g. "first frame"


def sniff_format(head: bytes) -> str | None:
    """The format a file's first bytes announce, or None when it is not one we accept."""
    for magic, offset, name in _SIGNATURES:
        if head[offset:offset + len(magic)] == magic and (name != "WEBP" or head[:4] == b"RIFF"):
            return name
    return None


def _megabytes(count: int) -> str:
    return f"{count / (1024 * 1024):.1f} MB"


def _too_large(size: int, limits: ImageLimits) -> ImageRejected:
    return ImageRejected("too_large", f"That file is {_megabytes(size)}; photos up to "
                         f"{_megabytes(limits.max_bytes)} work. Please send a smaller one.")


def _damaged() -> ImageRejected:
    return ImageRejected("corrupt", "That photo file is damaged or incomplete, so I couldn't open it. "
                         "Please send it again or try another one.")


def _size_problem(width: int, height: int, limits: ImageLimits) -> ImageRejected | None:
    """Why an image of this size will not be used, or None when it will."""
    if width <= 0 or height <= 0:
        return _damaged()
    if width * height > limits.max_pixels:
        return ImageRejected("too_many_pixels", f"That image is {width}×{height} pixels, more than I can safely "
                             f"open ({limits.max_pixels / 1e6:.0f} megapixels at most). Please send a smaller photo.")
    if max(width, height) > limits.max_aspect * min(width, height):
        return ImageRejected("bad_shape", f"That image is {width}×{height} pixels — a long strip or panorama. "
                             "Please send a normal portrait photo of yourself.")
    if min(width, height) < limits.min_side:
        return ImageRejected("too_small", f"That picture is only {width}×{height} pixels — too small to see anyone. "
                             "A normal phone photo works best.")
    return None


def _open(data: bytes, limits: ImageLimits) -> tuple[Image.Image, str]:
    """Open lazily (header only) after the byte, format, pixel and shape checks; with the sniffed format."""
    if not data:
        raise ImageRejected("empty", "That file is empty. Please attach a photo (JPEG, PNG or WEBP).")
    if len(data) > limits.max_bytes:
        raise _too_large(len(data), limits)
    kind = sniff_format(data[:16])
    if kind is None:
        raise ImageRejected("not_an_image", f"That file isn't a photo I can read. Please attach a {FORMAT_NAMES} image.")
    try:
        opened = Image.open(io.BytesIO(data), formats=DECODERS)
    except Image.DecompressionBombError as error:
        raise ImageRejected("too_many_pixels", "That image has far more pixels than any photo, so I won't open "
                            "it. Please send a normal photo.") from error
    except Exception as error:  # noqa: BLE001 - header parsers fed hostile bytes raise all kinds of errors
        raise _damaged() from error
    problem = _size_problem(*opened.size, limits)
    if problem is not None:
        opened.close()
        raise problem
    return opened, kind


def check_image_bytes(data: bytes, limits: ImageLimits = ImageLimits()) -> tuple[str, int, int]:
    """(format, width, height) of an acceptable image, without decoding its pixels."""
    opened, kind = _open(data, limits)
    with opened:
        return kind, opened.size[0], opened.size[1]


def check_image_file(path: Path | str, limits: ImageLimits = ImageLimits()) -> tuple[str, int, int]:
    """`check_image_bytes` for a file on disk, read no further than the byte limit allows."""
    return check_image_bytes(_read_bounded(path, limits), limits)


def _to_rgb(frame: Image.Image, notes: list[str]) -> Image.Image:
    """Any Pillow mode as 8-bit RGB; transparency is laid on white, deep images scaled down."""
    if frame.mode in ("I;16", "I;16B", "I;16L", "I", "F"):
        values = np.asarray(frame, dtype=np.float64)
        high = float(values.max(initial=0.0))
        scaled = values * (255.0 / high) if high > 255 else values
        notes.append("high bit depth reduced to 8 bits")
        return Image.fromarray(np.clip(scaled, 0, 255).astype(np.uint8), "L").convert("RGB")
    if frame.mode == "P" and "transparency" in frame.info:
        frame = frame.convert("RGBA")
    if frame.mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = frame.convert("RGBA")
        if rgba.getextrema()[3][0] < 255:
            notes.append("transparent areas shown on white")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    return frame.convert("RGB")


def decode_image(data: bytes, limits: ImageLimits = ImageLimits(), max_side: int | None = None) -> DecodedImage:
    """Checked bytes as upright RGB pixels, at most `max_side` on the long side."""
    opened, kind = _open(data, limits)
    notes: list[str] = []
    try:
        with opened:
            original = opened.size
            if getattr(opened, "n_frames", 1) > 1:
                opened.seek(0)
                notes.append("first frame of an animation or multi-page file")
            if max_side and opened.format in ("JPEG", "MPO"):
                opened.draft("RGB", (max_side, max_side))
            opened.load()
            if opened.getexif().get(0x0112, 1) != 1:
                notes.append("turned upright from the camera's orientation tag")
            upright = ImageOps.exif_transpose(opened)
            rgb = _to_rgb(upright, notes)
            if max_side and max(rgb.size) > max_side:
                rgb.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
            pixels = np.array(rgb, dtype=np.uint8)
    except Exception as error:  # noqa: BLE001 - decoders fed hostile bytes raise all kinds of errors
        raise _damaged() from error
    return DecodedImage(pixels, kind, original, tuple(notes))


def read_image_file(path: Path | str, limits: ImageLimits = ImageLimits(), max_side: int | None = None) -> DecodedImage:
    """A file from disk, read no further than the byte limit allows."""
    return decode_image(_read_bounded(path, limits), limits, max_side)


def _read_bounded(path: Path | str, limits: ImageLimits) -> bytes:
    try:
        with open(path, "rb") as handle:
            data = handle.read(limits.max_bytes + 1)
            if len(data) > limits.max_bytes:
                raise _too_large(os.fstat(handle.fileno()).st_size, limits)
    except OSError as error:
        raise ImageRejected("missing", "I couldn't read that upload; please attach it again.") from error
    return data
