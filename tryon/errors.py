"""Typed try-on errors: a stable `code` for programs and a `message` a shopper can read.

The chat assistant shows `message` as it is and may branch on `code`, so codes never
change meaning; the CLI prints both as JSON and exits 2.
"""

from __future__ import annotations


class TryOnError(Exception):
    """An input the engine cannot turn into a believable render."""

    code = "tryon_error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": self.message}


class UnreadableImageError(TryOnError):
    code = "unreadable_image"


class NoPersonError(TryOnError):
    code = "no_person"


class MultiplePeopleError(TryOnError):
    code = "multiple_people"


class PersonTooSmallError(TryOnError):
    code = "person_too_small"


class PersonCutOffError(TryOnError):
    """The photo shows too little of the body for this garment type."""

    code = "person_cut_off"


class ArmsAcrossBodyError(TryOnError):
    """An arm lies across the torso, where a top or dress would have to go under it."""

    code = "arms_across_body"


class MonochromePhotoError(TryOnError):
    """A black-and-white photo: skin cannot be told from clothes, so arms and neck cannot be kept."""

    code = "monochrome_photo"


class BackToCameraError(TryOnError):
    code = "back_to_camera"


class NoGarmentError(TryOnError):
    code = "no_garment"


class NotAGarmentError(NoGarmentError):
    """The product photo separates from its backdrop, but what it shows is not shaped like a garment."""

    code = "not_a_garment"


class UnsupportedCategoryError(TryOnError):
    code = "unsupported_category"


class GarmentWornError(TryOnError):
    """The product photo shows the garment on a person rather than on its own."""

    code = "garment_worn"


class RenderRefusedError(TryOnError):
    """The render failed the engine's own quality check."""

    code = "render_refused"
