"""Step 1 of the render: a person photo and what is known about the body in it.

`load_image` turns bytes / a path / a PIL image / an array into RGB uint8 with camera
rotation applied. `PersonAnalysis` (made by `tryon.analysis.detect.analyze`) holds landmarks, mask and
face box in the *working* resolution (`to_working`, smaller for a person wide in the frame:
`detect.MAX_FACE_PX`) with the scale back to the input, and the
per-photo planes every stage reads (skin, Lab, the body).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Callable

import cv2
import numpy as np

from common.images import ImageLimits, ImageRejected, decode_image, read_image_file
from tryon.errors import UnreadableImageError

_UNREADABLE = "I couldn't open that file as a photo — a JPEG, PNG or WEBP image would work."
# a photo the engine opens itself (the command line, a product shot) is the caller's choice: any shape
# or size is tried, and only the byte and pixel bounds that keep a decompression bomb out hold
OPEN_LIMITS = ImageLimits(max_bytes=64 * 1024 * 1024, max_pixels=50_000_000, min_side=1, max_aspect=float("inf"))

PERSON_WORK_SIDE = 640
VISIBLE = 0.5
FACE_SKIN = (0.2, 0.3)    # the face box inset (share of its width, height) that is cheeks and nose, not hair
MIN_FACE_SKIN = 50        # px of skin-coloured face needed to measure this person's own skin tone
SKIN_SPREAD_FLOOR = 5.0   # Cr/Cb: the least spread allowed for, as arms are lit unlike the face
SKIN_SIGMAS = 3.0         # how far from the face's skin tone (in spreads) still counts as skin
# a photo cut off above the mouth has no face box, but the pose still sees the mouth: the chin below it is
# the face's skin. Its rows: from below the lower lip to the chin (shares of shoulder width below the corners)
MOUTH = (9, 10)           # the pose's mouth corners
LIP_CLEAR = 0.04
MOUTH_TO_CHIN = 0.1
EYES = (2, 5)             # the pose's eye centres, which it places even above a photo's top edge
EARS = (7, 8)             # the pose's ears: their midpoint is the head's centre line, however it is turned
# the chin's foot lies below the mouth by this share of the face's height from the eyes to the mouth (faces'
# proportions: about 45 mm against 65). The face's own measure foreshortens with it as the head bows or turns;
# MOUTH_TO_CHIN, a share of the shoulders' width, reads a turned or bowed head's chin a third of its height high
EYES_TO_CHIN = 0.7
# the chin is a small patch lit like the face alone, its own spread far under the body's: the least spread
# allowed for it is wider than the cheeks'
CHIN_SPREAD_FLOOR = 6.5
# a photo whose Cr and Cb both span less than this (1st to 99th percentile) is black and white: a
# colour photo, even of grey clothes on a grey wall, spans 20 or more through its skin alone
MONOCHROME_SPREAD = 4.0

# mediapipe pose landmark indices
NOSE, L_SHOULDER, R_SHOULDER, L_ELBOW, R_ELBOW, L_WRIST, R_WRIST = 0, 11, 12, 13, 14, 15, 16
L_HIP, R_HIP, L_KNEE, R_KNEE, L_ANKLE, R_ANKLE = 23, 24, 25, 26, 27, 28
L_PINKY, R_PINKY, L_INDEX, R_INDEX = 17, 18, 19, 20

# lowest body parts first: how far down a photo reaches is the lowest pair fully in view
LOWEST_PARTS = (("ankles", (L_ANKLE, R_ANKLE)), ("knees", (L_KNEE, R_KNEE)), ("hips", (L_HIP, R_HIP)))


def load_image(image: Any) -> np.ndarray:
    """Any common photo as an RGB uint8 array, turned upright; UnreadableImageError otherwise.

    Files and bytes go through the shop's one decoder (`common.images`), so a phone photo's
    camera rotation is applied here as everywhere else.
    """
    if isinstance(image, np.ndarray):
        return _as_rgb(image)
    try:
        if isinstance(image, (bytes, bytearray, memoryview)):
            return decode_image(bytes(image), OPEN_LIMITS).rgb
        if isinstance(image, (str, Path)):
            return read_image_file(image, OPEN_LIMITS).rgb
    except ImageRejected as exc:
        raise UnreadableImageError(exc.message) from exc
    if hasattr(image, "convert"):
        return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()
    raise UnreadableImageError(_UNREADABLE)


def _as_rgb(arr: np.ndarray) -> np.ndarray:
    """An array of any common layout (grey, RGBA, float 0..1) as contiguous RGB uint8."""
    if arr.size == 0 or arr.ndim not in (2, 3):
        raise UnreadableImageError(_UNREADABLE)
    if arr.dtype != np.uint8:
        if np.issubdtype(arr.dtype, np.floating) and arr.max(initial=0) <= 1.0:
            arr = arr * 255.0
        arr = np.clip(arr, 0, 255).astype(np.uint8)
    if arr.ndim == 2:
        arr = np.stack([arr] * 3, axis=-1)
    if arr.shape[2] == 4:
        arr = arr[:, :, :3]
    if arr.shape[2] == 1:
        arr = np.repeat(arr, 3, axis=2)
    if arr.shape[2] != 3:
        raise UnreadableImageError(_UNREADABLE)
    return np.ascontiguousarray(arr)


Box = tuple[slice, slice]


def face_skin_box(face_box: tuple[int, int, int, int] | None, landmarks: np.ndarray | None = None) -> Box | None:
    """Where the face's own skin is: the cheeks and nose inside the face box, or, in a photo cut off
    above the eyes (no face box), the chin between the mouth corners the pose sees; None when neither."""
    if face_box is not None:
        x0, y0, x1, y1 = face_box
        fw, fh = x1 - x0, y1 - y0
        return (slice(int(y0 + FACE_SKIN[1] * fh), int(y1 - FACE_SKIN[1] * fh)),
                slice(int(x0 + FACE_SKIN[0] * fw), int(x1 - FACE_SKIN[0] * fw)))
    if landmarks is None or min(landmarks[i, 2] for i in MOUTH) < VISIBLE:
        return None
    sw = float(np.linalg.norm(landmarks[L_SHOULDER, :2] - landmarks[R_SHOULDER, :2]))
    xs, y = landmarks[list(MOUTH), 0], float(landmarks[list(MOUTH), 1].max())
    return (slice(max(0, int(y + LIP_CLEAR * sw)), max(0, int(y + MOUTH_TO_CHIN * sw))),
            slice(max(0, int(xs.min())), max(0, int(xs.max()))))


def chin_foot_y(landmarks: np.ndarray) -> float | None:
    """The row of the chin's foot: below the mouth corners the pose sees by the face's own height from the eyes
    to the mouth (EYES_TO_CHIN); None when the mouth or the eyes are unseen. The pose places both even where the
    photo cuts the face off above the mouth: what stays in front of a garment reaches this far down."""
    mouth, eyes = (landmarks[list(at)] for at in (MOUTH, EYES))
    if min(mouth[:, 2]) < VISIBLE or min(eyes[:, 2]) < VISIBLE:
        return None
    return float(mouth[:, 1].max() + EYES_TO_CHIN * (mouth[:, 1].mean() - eyes[:, 1].mean()))


def skin_mask(rgb: np.ndarray, face_skin: Box | None = None, floor: float = SKIN_SPREAD_FLOOR) -> np.ndarray:
    """Skin-coloured pixels: a YCrCb box that holds across skin tones, narrowed to this person's
    own skin (measured on the face, `face_skin_box`, its spread at least `floor`) when the face is
    seen, so a beige or pink garment of nearly a skin tone, or a dark red strap, is not taken for
    bare arms."""
    ycc = cv2.cvtColor(rgb, cv2.COLOR_RGB2YCrCb)
    box = cv2.inRange(ycc, (0, 135, 80), (255, 180, 130)) > 0  # Cr in 135..180, Cb in 80..130: one pass
    if face_skin is None:
        return box
    cheeks = face_skin
    sample = box[cheeks]
    if sample.sum() < MIN_FACE_SKIN:
        return box
    _, cr, cb = cv2.split(ycc)
    crcb = np.stack([cr[cheeks][sample], cb[cheeks][sample]], axis=1).astype(np.float32)
    centre = np.median(crcb, axis=0)
    spread = np.maximum(1.4826 * np.median(np.abs(crcb - centre), axis=0), floor)
    # each channel's term looked up in a table of its 256 levels, not computed per pixel
    levels = np.arange(256, dtype=np.float32)
    z = ((levels - centre[0]) / spread[0]) ** 2, ((levels - centre[1]) / spread[1]) ** 2
    return box & (cv2.LUT(cr, z[0]) + cv2.LUT(cb, z[1]) <= SKIN_SIGMAS ** 2)


def is_monochrome(rgb: np.ndarray) -> bool:
    """Whether a photo has no colour to tell skin from cloth by (black and white, or greyscale)."""
    ycc = cv2.cvtColor(np.ascontiguousarray(rgb[::4, ::4]), cv2.COLOR_RGB2YCrCb)  # every 16th pixel is plenty
    lo, hi = np.percentile(ycc[..., 1:].reshape(-1, 2), (1, 99), axis=0)
    return bool(np.all(hi - lo < MONOCHROME_SPREAD))


def to_lab(rgb: np.ndarray) -> np.ndarray:
    """CIE Lab on OpenCV's 8-bit scale: the colour space the stages compare colours in."""
    return cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)


def content_key(rgb: np.ndarray) -> str:
    """A key for this photo's pixels, taken for every render: SHA-256 runs on the CPU's hash
    instructions, faster here over a photo's megabytes than BLAKE2."""
    import hashlib

    h = hashlib.sha256()
    h.update(str(rgb.shape).encode())
    h.update(np.ascontiguousarray(rgb).data)
    return h.hexdigest()[:32]


def person_key(work: np.ndarray, input_shape: tuple[int, int]) -> str:
    """The key a photo's analysis is remembered by: its working image's pixels and the photo's size, all that
    `analyze` reads of the photo. The small copy is made first (on both cores) and hashed, not the whole photo
    beside its making: a new photo's pose starts ~3 ms sooner."""
    return f"{content_key(work)}@{input_shape[0]}x{input_shape[1]}"


@dataclass
class PersonAnalysis:
    """What the engine knows about the person in a photo (working-resolution coordinates).

    `coverage` is "full" when hips and knees are visible, else "upper".
    """

    coverage: str
    key: str
    image: np.ndarray                   # working-resolution RGB
    input_shape: tuple[int, int]        # (H, W) of the photo as given
    scale: float                        # working / input
    landmarks: np.ndarray               # (33, 3): x, y in working pixels, visibility
    mask: np.ndarray                    # float32 0..1 person mask, working res
    face_box: tuple[int, int, int, int] | None   # x0, y0, x1, y1 in working pixels
    timings: dict[str, float] = field(default_factory=dict)
    # masks and measures derived from this photo alone, made once however many garments are rendered on it
    _derived: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)
    # one lock a key: a value the helper thread is making is waited for, not made twice at once
    _making: dict[Any, threading.Lock] = field(default_factory=dict, init=False, repr=False, compare=False)
    _guard: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False, compare=False)

    def derived(self, key: Any, make: Callable[[], Any]) -> Any:
        """`make()` the first time `key` is asked for, the same value after (callers must not write to it).
        A value one thread is making, another waits for: a value's `make` asks only for values it is made
        from, never for itself, so two threads never wait for each other."""
        if key in self._derived:
            return self._derived[key]
        with self._guard:
            lock = self._making.setdefault(key, threading.Lock())
        with lock:
            if key not in self._derived:
                self._derived[key] = make()
        return self._derived[key]

    @property
    def skin(self) -> np.ndarray:
        floor = SKIN_SPREAD_FLOOR if self.face_box is not None else CHIN_SPREAD_FLOOR
        return self.derived("skin", lambda: skin_mask(self.image, face_skin_box(self.face_box, self.landmarks), floor))

    @property
    def body(self) -> np.ndarray:
        """On the person (the mask's surer half): read by nearly every stage, made once."""
        return self.derived("body", lambda: self.mask > 0.5)

    @property
    def lab(self) -> np.ndarray:
        """The working image in CIE Lab (OpenCV's 8-bit scale), converted once for every stage that reads it."""
        return self.derived("lab", lambda: to_lab(self.image))

    def supports(self, garment_type: str) -> bool:
        if garment_type == "lower":
            return self.coverage == "full"
        return garment_type in ("upper", "full")

    @property
    def reach(self) -> str:
        """How far down the body the photo shows: "ankles", "knees", "hips" or "chest"."""
        for name, joints in LOWEST_PARTS:
            if all(self.visible(i) for i in joints):
                return name
        return "chest"

    def point(self, idx: int) -> np.ndarray:
        return self.landmarks[idx, :2].astype(np.float64)

    @property
    def centre_x(self) -> float:
        """The column halfway between the shoulder joints (working px): the body's centre line, which
        tells an arm's outer side from its inner."""
        return float(self.point(L_SHOULDER)[0] + self.point(R_SHOULDER)[0]) / 2

    @cached_property
    def shoulder_width(self) -> float:
        """Joint to joint, working pixels: the unit the geometry's ratios are given in (read some forty
        times a render: measured once; a person with other landmarks is another `replace`d analysis)."""
        return float(np.linalg.norm(self.point(L_SHOULDER) - self.point(R_SHOULDER)))

    def visible(self, idx: int, margin: float = 0.0) -> bool:
        return bool(self.landmarks[idx, 2] >= VISIBLE and self.in_frame(idx, margin))

    def in_frame(self, idx: int, margin: float = 0.0) -> bool:
        """Whether the pose puts a landmark inside the photo (grown by `margin` of its size), seen or not."""
        x, y, _ = self.landmarks[idx]
        h, w = self.mask.shape
        return bool(-margin * w <= x <= (1 + margin) * w and -margin * h <= y <= (1 + margin) * h)


def to_working(rgb: np.ndarray, long_side: int = PERSON_WORK_SIDE) -> tuple[np.ndarray, float]:
    h, w = rgb.shape[:2]
    scale = min(1.0, long_side / max(h, w))
    if scale < 1.0:
        rgb = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA)
    return np.ascontiguousarray(rgb), scale
