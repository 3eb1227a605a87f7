"""Step 1's models at work: mediapipe pose (with segmentation) and face detection find the one person
in a photo (`analyze`), a new photo's faces, colour planes and whether it has colour at all on a helper
thread while the pose runs, and whether a product photo shows someone wearing the garment (`shows_wearer`)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any, NamedTuple

import cv2
import numpy as np

from tryon.errors import (BackToCameraError, MonochromePhotoError, MultiplePeopleError, NoPersonError,
                          PersonCutOffError, PersonTooSmallError)
from tryon.analysis.limbs import smooth_skin
from tryon.analysis.mask_holes import close_false_holes
from tryon.analysis.person import (L_HIP, L_KNEE, L_SHOULDER, NOSE, R_HIP, R_KNEE, R_SHOULDER, SKIN_SPREAD_FLOOR, PersonAnalysis,
                          face_skin_box, is_monochrome, person_key, skin_mask, to_lab, to_working)
from tryon.shared.components import components

WEARER_FACE_SCORE = 0.7   # a face in a product photo this sure counts
WEARER_VISIBLE = 0.8      # and the pose must see nose and both shoulders this clearly
# the face check on a product photo runs on a copy at most this large: the detectors look at a 192-256 px
# input whatever they are given, so a larger copy finds the same faces and only costs its resize
WEARER_LONG_SIDE = 384
# the widest face (working px) a render works at: a person with a wider face (a selfie, a close portrait) is worked
# on smaller, to this width. The stages' sizes in px (blurs, least samples, closings) were tuned on the dev photos'
# people, faces 52 to 105 px and shoulders 99 to 216 px across (a face 0.45 to 0.56 of the shoulders); more pixels
# of a body add per-pixel time, not detail any stage reads (the garment is laid at the photo's own size either
# way). The face, not the shoulders: it is found on the helper thread while the pose runs, so the planes made
# there are made at the size the render works at
MAX_FACE_PX = 100
# it is made smaller by whole eighths: its enlargement to the photo's size then maps a few source px to whole output
# px, and is made in crops round what it lays (`boxes.enlarged_in`), not over the whole frame
SHRINK_STEPS = 8
# a body goes on below its shoulders: the person mask reaches this share of the way down to the hips (where the
# pose sees them in the photo, else to the photo's foot). A portrait printed on a T-shirt is a bust that ends at
# the print's edge, the shirt below it: the pose still finds shoulders and hips in it, the mask does not follow
BODY_BELOW = 0.8
PRINTED = ("I can see a face in this photo, but no one wearing clothes — it looks like a print. For try-on, send a "
           "photo of yourself showing your head, shoulders and chest.")
# how far (share of shoulder width) the left shoulder must lie left of the right one to be a mirrored view
MIRROR_MARGIN = 0.15
# the pose's left and right landmarks, pair by pair (eyes, ears, mouth corners, shoulders to feet)
SIDE_PAIRS = ((1, 4), (2, 5), (3, 6), (7, 8), (9, 10), (11, 12), (13, 14), (15, 16), (17, 18), (19, 20), (21, 22),
              (23, 24), (25, 26), (27, 28), (29, 30), (31, 32))


class Models:
    """The mediapipe solutions, created once (slow) and used under the engine's lock.

    Each model runs on one core and releases the GIL while it does: a photo's face, and the colour
    planes every stage reads, are found on a helper thread while the pose model runs, so a new person
    costs the pose's time, not all of it."""

    def __init__(self) -> None:
        import mediapipe as mp

        self.pose = mp.solutions.pose.Pose(static_image_mode=True, model_complexity=1, enable_segmentation=True,
                                           min_detection_confidence=0.5)
        self.face = mp.solutions.face_detection.FaceDetection(model_selection=1, min_detection_confidence=0.5)
        self._beside = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tryon-face")

    def pose_and_faces(self, work: np.ndarray) -> tuple[Any, Beside, float]:
        """The pose result, what the helper thread found meanwhile (`Beside`), and the pose's seconds."""
        import time

        beside = self._beside.submit(_beside, self, work)
        t = time.perf_counter()
        try:
            res = self.pose.process(work)
        finally:
            pose_s = time.perf_counter() - t
            found = beside.result()  # waited for even when the pose failed: the face model is free after
        return res, found, pose_s

    def close(self) -> None:
        self._beside.shutdown(wait=True)
        for m in (self.pose, self.face):
            try:
                m.close()
            except Exception:  # noqa: BLE001
                pass


class Beside(NamedTuple):
    """What the helper thread finds in a working image while the pose model runs, at the size the analysis works at
    (`MAX_FACE_PX`)."""

    image: np.ndarray                                      # the working image, made smaller for a wide face
    faces: list[tuple[float, tuple[int, int, int, int]]]   # (score, box) as `_faces` gives them
    face_box: tuple[int, int, int, int] | None             # the largest face's box: the person's
    # PersonAnalysis.derived's "lab" (and "skin" and "smooth_skin" when a face is seen), as its properties make them
    planes: dict[str, np.ndarray]
    monochrome: bool                # `is_monochrome` of the working image


def _largest(faces: list[tuple[float, tuple[int, int, int, int]]]) -> tuple[int, int, int, int] | None:
    """The largest face's box: the person's (the others are posters, or people too small to count)."""
    return max(faces, key=lambda f: (f[1][2] - f[1][0]) * (f[1][3] - f[1][1]))[1] if faces else None


def _beside(models: Models, work: np.ndarray) -> Beside:
    faces = _faces(models, work)
    box = _largest(faces)
    if box is not None and box[2] - box[0] > MAX_FACE_PX:
        h, w = work.shape[:2]
        f = max(1, int(SHRINK_STEPS * MAX_FACE_PX / (box[2] - box[0]))) / SHRINK_STEPS
        size = (max(1, round(w * f)), max(1, round(h * f)))
        work = cv2.resize(work, size, interpolation=cv2.INTER_AREA)
        faces = [(score, _scaled(b, size[0] / w, size[1] / h)) for score, b in faces]
        box = _largest(faces)
    planes = {"lab": to_lab(work)}
    if box is not None:  # without a face the skin is read from the chin, which needs the pose's mouth
        planes["skin"] = skin_mask(work, face_skin_box(box), SKIN_SPREAD_FLOOR)
        # read from the skin and the Lab alone, and asked for by every render: made here, where the helper
        # would otherwise wait for the pose, instead of beside the warp, where both cores are busy
        smooth_skin(_photo_alone(work, box, planes))
    return Beside(work, faces, box, planes, is_monochrome(work))


def _scaled(box: tuple[int, int, int, int], fx: float, fy: float) -> tuple[int, int, int, int]:
    """A face's box on the working image made smaller by `fx` across and `fy` down."""
    return round(box[0] * fx), round(box[1] * fy), round(box[2] * fx), round(box[3] * fy)


def _photo_alone(work: np.ndarray, face_box: tuple[int, int, int, int], planes: dict[str, np.ndarray]
                 ) -> PersonAnalysis:
    """An analysis of the working image before the pose is known, for the planes made from its pixels alone:
    the values it makes go into `planes`. It has no landmarks and no mask (None): a plane that would need
    them fails here instead of being made from a guess."""
    return PersonAnalysis(coverage="upper", key="", image=work, input_shape=work.shape[:2], scale=1.0,
                          landmarks=None, mask=None, face_box=face_box, _derived=planes)


def _faces(models: Models, work: np.ndarray) -> list[tuple[float, tuple[int, int, int, int]]]:
    h, w = work.shape[:2]
    res = models.face.process(work)
    out = []
    for det in res.detections or []:
        bb = det.location_data.relative_bounding_box
        x0, y0 = int(round(bb.xmin * w)), int(round(bb.ymin * h))
        x1, y1 = int(round((bb.xmin + bb.width) * w)), int(round((bb.ymin + bb.height) * h))
        out.append((float(det.score[0]), (max(0, x0), max(0, y0), min(w, x1), min(h, y1))))
    return out


def _shrunk(rgb: np.ndarray, long_side: int) -> np.ndarray:
    """`rgb` made smaller by the least whole factor that brings its long side to `long_side` or less.

    A whole factor lets the area resize take its fast path (plain block means) instead of weighing
    fractional overlaps: a tenth of the cost. The few rows and columns past a multiple of the factor
    are dropped."""
    h, w = rgb.shape[:2]
    f = -(-max(h, w) // long_side)
    if f <= 1:
        return np.ascontiguousarray(rgb)
    return cv2.resize(rgb[:h - h % f, :w - w % f], (w // f, h // f), interpolation=cv2.INTER_AREA)


def body_below_shoulders(person: PersonAnalysis) -> bool:
    """Whether the person mask goes on below the shoulders as a worn body does (`BODY_BELOW`), between them."""
    h = person.mask.shape[0]
    shoulders = (person.point(L_SHOULDER) + person.point(R_SHOULDER)) / 2
    foot = float(h - 1)
    if person.visible(L_HIP) and person.visible(R_HIP):
        foot = min(foot, float(person.point(L_HIP)[1] + person.point(R_HIP)[1]) / 2)
    x0, x1 = sorted(int(round(float(person.point(i)[0]))) for i in (L_SHOULDER, R_SHOULDER))
    rows = np.flatnonzero(person.body[:, max(0, x0):max(0, x1) + 1].any(axis=1))
    return bool(rows.size) and rows[-1] >= shoulders[1] + BODY_BELOW * (foot - shoulders[1])


def shows_wearer(models: Models, photo: np.ndarray) -> bool:
    """Whether a product photo shows the garment worn: a real face above a body's shoulders.

    A face printed on a T-shirt sits inside the garment, below where shoulders are, so the
    face alone is not enough; pose runs only when a face is found, which keeps flat shots fast."""
    work = _shrunk(photo, WEARER_LONG_SIDE)
    faces = [b for score, b in _faces(models, work) if score >= WEARER_FACE_SCORE]
    if not faces:
        return False
    res = models.pose.process(work)
    if res.pose_landmarks is None:
        return False
    h, w = work.shape[:2]
    lm = np.array([(p.x * w, p.y * h, p.visibility) for p in res.pose_landmarks.landmark], np.float32)
    if min(lm[L_SHOULDER, 2], lm[R_SHOULDER, 2], lm[NOSE, 2]) < WEARER_VISIBLE:
        return False
    shoulder_y = float(min(lm[L_SHOULDER, 1], lm[R_SHOULDER, 1]))
    for x0, y0, x1, y1 in faces:
        nose_in_face = x0 <= lm[NOSE, 0] <= x1 and y0 <= lm[NOSE, 1] <= y1
        if nose_in_face and (y0 + y1) / 2 < shoulder_y - 0.3 * (y1 - y0):
            return True
    return False


def pose_only(models: Models, work: np.ndarray):
    """Raw pose estimation (for the benchmark's reference timing)."""
    return models.pose.process(work)


def _mirrored(lm: np.ndarray) -> bool:
    """The person's left shoulder on the image's left: a back view's sides, or a front view's labelled as one."""
    sw = float(np.linalg.norm(lm[L_SHOULDER, :2] - lm[R_SHOULDER, :2]))
    return bool(lm[L_SHOULDER, 0] < lm[R_SHOULDER, 0] - MIRROR_MARGIN * sw)


def check_facing(lm: np.ndarray, face_found: bool) -> None:
    """BackToCameraError when the body is seen from behind: shoulders visible but no face, and the nose
    unseen or the person's left shoulder on the image's left (mirror of a front view)."""
    if face_found:
        return
    nose_v = float(lm[NOSE, 2])
    if nose_v < 0.5 or (_mirrored(lm) and nose_v < 0.8):
        raise BackToCameraError("It looks like your back is to the camera — please send a photo facing the camera.")


def front_sides(lm: np.ndarray) -> None:
    """A person facing the camera (`check_facing` passed) with their sides labelled as a back view's, swapped back
    in place. With the head cut off by the frame, the pose model labelled a man facing the camera left for right:
    every garment was laid on him mirrored, its whole map folded, and every render refused."""
    if _mirrored(lm):
        for left, right in SIDE_PAIRS:
            lm[[left, right]] = lm[[right, left]]


def analyze(rgb: np.ndarray, models: Models, key: str | None = None,
            working: tuple[np.ndarray, float] | None = None) -> PersonAnalysis:
    """Find exactly one usable person in an RGB photo or raise a typed TryOnError. `working` is the
    photo's `to_working` when the caller has made it already."""
    import time

    t0 = time.perf_counter()
    work, scale = working or to_working(rgb)
    t1 = time.perf_counter()
    res, beside, pose_s = models.pose_and_faces(work)
    faces = beside.faces
    h, w = beside.image.shape[:2]   # the pose's points and mask are laid on the image the analysis works at
    scale *= w / work.shape[1]
    # face_s: what finding the faces added after the pose
    timings = {"resize_s": t1 - t0, "pose_s": pose_s, "face_s": time.perf_counter() - t1 - pose_s}

    big_faces = [f for f in faces if f[0] >= 0.6]
    if big_faces:
        largest = max((b[2] - b[0]) for _, b in big_faces)
        sizable = [f for f in big_faces if (f[1][2] - f[1][0]) >= 0.45 * largest and (f[1][2] - f[1][0]) >= 0.03 * w]
        if len(sizable) > 1:
            raise MultiplePeopleError(f"I can see {len(sizable)} people in this photo — please send one with just you in it.")
    face_box = beside.face_box

    if res.pose_landmarks is None:
        if face_box is not None and (face_box[2] - face_box[0]) < 0.06 * w:
            raise PersonTooSmallError("You look quite small in this photo — please send one where you fill more "
                                      "of the frame.")
        if face_box is not None:
            raise PersonCutOffError("I can only see a face in this photo — a photo showing at least your head, "
                                    "shoulders and chest would work.")
        raise NoPersonError("I couldn't find a person in this photo — a clear photo of you facing the camera would work.")
    lm = np.array([(p.x * w, p.y * h, p.visibility) for p in res.pose_landmarks.landmark], np.float32)
    mask = res.segmentation_mask.astype(np.float32) if res.segmentation_mask is not None else np.zeros((h, w), np.float32)
    if mask.shape != (h, w):
        mask = cv2.resize(mask, (w, h), interpolation=cv2.INTER_AREA)
    np.clip(mask, 0.0, 1.0, out=mask)  # a copy already: clipped in place

    binary = (mask > 0.5).astype(np.uint8)
    n, labels = components(binary, connectivity=8)
    # one piece (the usual photo) is all of the mask; more are counted from the labels: cheaper than the stats pass
    sizes = np.array([np.count_nonzero(binary)]) if n == 2 else np.bincount(labels.ravel(), minlength=n)[1:]
    areas = sorted(sizes.tolist(), reverse=True)
    if not areas or areas[0] < 0.01 * h * w:
        raise NoPersonError("I couldn't find a person in this photo — a clear photo of you facing the camera would work.")
    if len(areas) > 1 and areas[1] >= 0.35 * areas[0] and areas[1] >= 0.04 * h * w:
        raise MultiplePeopleError("There seem to be two people in this photo — please send one with just you in it.")
    # keep the main component only
    main = int(np.argmax(sizes)) + 1
    only = binary if n == 2 else (labels == main).astype(np.uint8)  # one piece: the body is all of it
    mask = mask * cv2.dilate(only, np.ones((5, 5), np.uint8))
    mask = close_false_holes(mask, beside.planes["lab"])

    analysis = PersonAnalysis(coverage="upper", key=key or person_key(work, rgb.shape[:2]), image=beside.image,
                              input_shape=rgb.shape[:2], scale=scale, landmarks=lm, mask=mask, face_box=face_box,
                              timings=timings, _derived=dict(beside.planes))
    shoulders_ok = analysis.visible(L_SHOULDER, 0.02) and analysis.visible(R_SHOULDER, 0.02)
    sw = float(np.linalg.norm(analysis.point(L_SHOULDER) - analysis.point(R_SHOULDER)))
    on = analysis.body
    area, rows = int(np.count_nonzero(on)), np.flatnonzero(on.any(axis=1))
    person_h = (rows[-1] - rows[0] + 1) if rows.size else 0
    if area < 0.02 * h * w and person_h < 0.3 * h:
        raise PersonTooSmallError("You look quite small in this photo — please send one where you fill more of the frame.")
    if not shoulders_ok:
        raise PersonCutOffError("I can't see your shoulders in this photo — a photo showing your head, shoulders and "
                                "chest would work.")
    if sw < 0.08 * max(h, w):
        raise PersonTooSmallError("You look quite small in this photo — please send one where you fill more of the frame.")
    if not body_below_shoulders(analysis):
        raise NoPersonError(PRINTED)
    check_facing(lm, face_box is not None)
    front_sides(lm)
    if beside.monochrome:
        raise MonochromePhotoError("This photo is black and white, so I can't tell your skin from your clothes and "
                                   "would paint over your arms or neck — a colour photo would work.")
    full = all(analysis.visible(i) for i in (L_HIP, R_HIP, L_KNEE, R_KNEE))
    analysis.coverage = "full" if full else "upper"
    return analysis
