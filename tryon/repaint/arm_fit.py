"""A bare arm rebuilt under an old sleeve takes its line and width from that sleeve's outline, and from
the bare arm itself where some of it shows below the sleeve (a T-shirt's short sleeve).

Painted along the pose's joints at a slim adult's widths, clipped to the body's outline, a rebuilt arm
ran off the middle of the sleeve it replaced, stepped where the outline stepped and met the real arm
below a short sleeve at a step. Here, across the arm at points down each bone, the body's run through
the arm is read: its outer end is the arm's outer edge (less a sleeve's slack where both its sides show), its
width the arm's where it is bare skin, or the sleeve's narrowed to an arm (and the bare bone's, where the other
bone shows bare skin). The centres read on each bone are fitted with a straight line and a slim arm's widths
scaled to the widths read, so the arm runs straight from shoulder to elbow to wrist, smooth and without steps
(and is not clipped to the body's outline).
"""

from __future__ import annotations

import numpy as np

from tryon.analysis.limbs import ARM_HALVES, Limb, arm_limbs, smooth_skin
from tryon.analysis.person import PersonAnalysis

SAMPLES = 12            # points down each bone where the run across the arm is read
# each bone is read between these shares of its length: nearer the shoulder the sleeve runs into the
# top's body, nearer the wrist joint into the cuff's turn-up and the hand
UPPER_READ = (0.35, 0.95)
FORE_READ = (0.1, 0.9)
# a sleeve stands off its arm: an arm is this share of the sleeve's width (a fitted long sleeve's cloth
# and the air under it take about a tenth of its width on each side)
NARROW = 0.8
# an arm is at least this share, and at most this many times, a slim adult's arm (limbs.ARM_HALVES)
# wide: a run outside that is a sleeve half hidden, or the arm read together with the torso or a bag
ARM_FIT = (0.7, 1.4)
# a run read across the arm is looked for this many slim half-widths to each side of the pose's line;
# a run reaching that far on the body's side is the arm lying against the torso: its inner edge unseen
RUN_REACH_HALVES = 3.0
MIN_READS = 3           # reads a bone's straight line needs (fewer: the pose's own line is kept)
OUTLIER = 2.5           # a read further off its bone's line than this many times the median is dropped


def normal(a: np.ndarray, b: np.ndarray, body_x: float) -> np.ndarray:
    """The unit normal of the bone a..b pointing away from the body's centre line."""
    d = (b - a) / max(float(np.linalg.norm(b - a)), 1e-6)
    n = np.array([-d[1], d[0]])
    return -n if n[0] * ((a[0] + b[0]) / 2 - body_x) < 0 else n


def _run(on: np.ndarray, at: int) -> tuple[int | None, int | None]:
    """The first and last index of the run of `on` through `at`, None for an end the line runs out at."""
    off = np.flatnonzero(~on)
    before, after = off[off < at], off[off > at]
    return (int(before[-1]) + 1 if before.size else None), (int(after[0]) - 1 if after.size else None)


def reads(person: PersonAnalysis, a: np.ndarray, b: np.ndarray, half_a: float, half_b: float,
           span: tuple[float, float], body_x: float) -> np.ndarray:
    """(share along the bone, the arm's outer edge, its half-width or NaN, 1 if bare) at points down the bone a..b
    where the body's outer outline across it is seen, as offsets along the normal away from the body.
    Bare skin gives both edges; a sleeve with room on both sides its width narrowed to an arm; a sleeve
    against the torso (its inner side unseen) only its outer edge, which hangs from the arm's outer side
    (moved in by a sleeve's slack, the arm went under the new garment's side beside it)."""
    body, bare = person.body, smooth_skin(person)
    h, w = body.shape
    n = normal(a, b, body_x)
    out = []
    for f in np.linspace(span[0], span[1], SAMPLES):
        p = a + (b - a) * f
        slim = half_a + (half_b - half_a) * f
        reach = int(RUN_REACH_HALVES * slim) + 1
        r = np.arange(-reach, reach + 1)
        x = np.round(p[0] + n[0] * r).astype(int)
        y = np.round(p[1] + n[1] * r).astype(int)
        inside = (x >= 0) & (x < w) & (y >= 0) & (y < h)
        on, skin = np.zeros(r.size, bool), np.zeros(r.size, bool)
        on[inside] = body[y[inside], x[inside]]
        skin[inside] = bare[y[inside], x[inside]] & on[inside]
        if not on.any():
            continue
        centre = int(np.argmin(np.where(on, np.abs(r), r.size)))   # the body's pixel nearest the pose's line
        lo, hi = _run(on, centre)
        if hi is None:
            continue   # the outline is not met: the arm lies over something
        near = np.flatnonzero(skin)
        s_lo, s_hi = _run(skin, int(near[np.argmin(np.abs(r[near]))])) if near.size else (None, None)
        if s_lo is not None and s_hi is not None and s_hi >= hi - 1:   # bare arm out to the outline
            half = (s_hi - s_lo + 1) / 2.0
            if ARM_FIT[0] * slim <= half <= ARM_FIT[1] * slim:
                out.append((f, r[s_hi] + 0.5, half, 1.0))
            continue
        elif lo is not None:
            half = NARROW * (hi - lo + 1) / 2.0
            edge = (r[lo] + r[hi]) / 2.0 + half
        else:
            edge, half = r[hi] + 0.5, np.nan
        if np.isnan(half) or ARM_FIT[0] * slim <= half <= ARM_FIT[1] * slim:
            out.append((f, edge, half, 0.0))
    return np.array(out, np.float64).reshape(-1, 4)


def _line(reads: np.ndarray, col: int) -> np.ndarray | None:
    """A straight line (slope, offset) through column `col` of the reads against their share along the
    bone, refitted without reads far off the first fit (a fold, a hand, a bag read as the arm)."""
    reads = reads[~np.isnan(reads[:, col])]
    if len(reads) < MIN_READS:
        return None
    f, v = reads[:, 0], reads[:, col]
    fit = np.polyfit(f, v, 1)
    miss = np.abs(np.polyval(fit, f) - v)
    keep = miss <= OUTLIER * max(float(np.median(miss)), 0.5)
    return np.polyfit(f[keep], v[keep], 1) if int(keep.sum()) >= MIN_READS else fit


def rebuilt_arms(person: PersonAnalysis) -> list[Limb]:
    """The arms as they are rebuilt bare: along their sleeves' (or their own bare skin's) line and width
    (once per photo)."""
    return person.derived("rebuilt_arms", lambda: [follow_sleeve(person, arm) for arm in arm_limbs(person)])


def follow_sleeve(person: PersonAnalysis, arm: Limb) -> Limb:
    """The arm moved onto its sleeve (or its bare skin) and sized to it, bone by bone on straight lines:
    its centre on the line fitted through the centres read, and a slim arm's widths scaled by the bone's median
    share of them (a line of widths carried on past the reads, up to the shoulder, ran narrow or wide). A bone
    read on bare skin sizes a bone read only on its sleeve too: a wide short sleeve narrowed to an arm is still
    wider than the arm, which then came out as a block with a step at the elbow. A bone whose outline is not seen
    keeps the pose's line and a slim arm's width."""
    sw = person.shoulder_width
    shoulder, elbow, wrist = arm.joints[0], arm.joints[1], arm.joints[2]
    slim = np.array(ARM_HALVES, np.float64) * sw
    body_x = arm.body_x if arm.body_x is not None else float(shoulder[0])
    bones = ((shoulder, elbow, UPPER_READ), (elbow, wrist, FORE_READ))
    got = [_bone_reads(person, a, b, slim[k], slim[k + 1], span, body_x) for k, (a, b, span) in enumerate(bones)]
    ratio = _bone_ratios(got, slim)
    joints, halves = arm.joints.copy(), arm.halves.copy()
    moves: dict[int, list[np.ndarray]] = {1: [], 2: []}
    for k, (a, b, _) in enumerate(bones):
        ends = slim[k] + (slim[k + 1] - slim[k]) * got[k][:, 0]
        centres = got[k].copy()
        centres[:, 1] -= np.where(np.isnan(got[k][:, 2]), (ratio[k] or 1.0) * ends, got[k][:, 2])
        centre = _line(centres, 1)
        if centre is not None:
            n = normal(a, b, body_x)
            for i in (0, 1):
                if k + i > 0:   # the shoulder stays where the pose puts it: there the arm joins the body
                    moves[k + i].append(n * float(np.polyval(centre, float(i))))
    for j in (1, 2):
        if moves[j]:
            joints[j] = joints[j] + np.mean(moves[j], axis=0)
    joints[3] = joints[2] + (arm.joints[3] - arm.joints[2])   # the cuff's end carries on along the forearm
    for j in (0, 1, 2):
        near = [r for r in (ratio[j - 1] if j > 0 else None, ratio[j] if j < 2 else None) if r is not None]
        if near:
            halves[j] = slim[j] * float(np.mean(near))
    halves[3] = min(halves[3], halves[2])
    return arm._replace(joints=joints, halves=halves)


def _bone_reads(person: PersonAnalysis, a: np.ndarray, b: np.ndarray, half_a: float, half_b: float,
                span: tuple[float, float], body_x: float) -> np.ndarray:
    """The bone's reads, only its bare arm's own outline where enough of it shows, over a sleeve's."""
    got = reads(person, a, b, half_a, half_b, span, body_x)
    return got[got[:, 3] > 0] if int(got[:, 3].sum()) >= MIN_READS else got


def _bone_ratios(got: list[np.ndarray], slim: np.ndarray) -> list[float | None]:
    """Each bone's width as a share of a slim arm's (None where too few widths are read); a bone not read on bare
    skin takes the share of one that is, where one is."""
    ratios: list[float | None] = []
    for k, bone in enumerate(got):
        sized = bone[~np.isnan(bone[:, 2])]
        ends = slim[k] + (slim[k + 1] - slim[k]) * sized[:, 0]
        ratios.append(float(np.clip(np.median(sized[:, 2] / ends), *ARM_FIT)) if len(sized) >= MIN_READS else None)
    bare = [r for r, bone in zip(ratios, got) if r is not None and _bare(bone)]
    return [r if _bare(bone) or not bare else bare[0] for r, bone in zip(ratios, got)]


def _bare(bone: np.ndarray) -> bool:
    return len(bone) >= MIN_READS and bool(bone[:, 3].all())
