"""Load and soak: N simulated shoppers drive the real app over HTTP (gradio_client) at once.

    .venv/bin/python -m bench.load_soak [--shoppers 20] [--minutes 5] [--llm llama_cpp] [--json]
                                        [--replicas 2 --sessions redis]

Each shopper has a distinct synthetic selfie (the astronaut photo with the shopper's number
painted as coloured blocks in the top corners, which no garment covers; the pose model reads
the mirrored photo's arm as folded over a bulky sleeve, and the gate rightly refuses long
sleeves on it, so every shopper has the same pose). Each round is a new browser session
doing search -> refine -> upload -> try-on -> add to cart, with a human pause between
actions. Every try-on render is fetched and its corner code read back: a render showing any
other shopper's photo counts as a leak. The app runs on loopback only and the run stops
itself after `--minutes`.

Each round's shopper holds one session cookie, so every turn reads and writes the session
store (SQLite in a temporary file by default). With `--replicas 2 --sessions redis` a local
redis-server and two app processes run behind `bench.round_robin`, each turn on the next
replica: the cart must still be added to, and a try-on on a replica that did not receive the
photo must ask for it again (counted, not an error: photos are never shared).

Printed: requests, errors, p50/p95 latency per action, renders checked and leaks, and the
app's resident memory at start, after warm-up and at the end (sampled every 15 s).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import numpy as np
from PIL import Image
from skimage import data

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from assistant.eval import _percentile  # noqa: E402
from bench.round_robin import round_robin  # noqa: E402
from tests.app_server import running_app  # noqa: E402
from tests.redis_server import redis_server  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
PALETTE = np.array([(0, 0, 0), (255, 255, 255), (220, 20, 20), (20, 20, 220)], dtype=float)
BLOCK = 32
DIGITS = 4   # base-4 digits per corner: up to 256 distinct shoppers
ACTIONS = ("search", "refine", "upload", "try_on", "cart")
SCRIPT = (
    ("search", "a navy shirt for work, size L"),
    ("refine", "under $120 please"),
    ("upload", None),
    ("try_on", "try the first one on me"),
    ("cart", "add it to my cart"),
)
CRASH = "something went wrong on my side"
PHOTO_ASKED_AGAIN = "never stored"


def selfie(shopper: int) -> np.ndarray:
    """The astronaut with the shopper's number in both top corners."""
    photo = data.astronaut().copy()
    digits = [(shopper // 4 ** i) % 4 for i in range(DIGITS)]
    width = photo.shape[1]
    for i, digit in enumerate(digits):
        photo[:BLOCK, i * BLOCK:(i + 1) * BLOCK] = PALETTE[digit]
        photo[:BLOCK, width - (i + 1) * BLOCK:width - i * BLOCK] = PALETTE[digit]
    return photo


def read_code(image: np.ndarray) -> int | None:
    """The shopper number painted on a photo (or a render of it); None when the corners disagree."""
    height, width = image.shape[:2]
    scale = width / data.astronaut().shape[1]
    block = max(1, int(BLOCK * scale))
    inset = max(1, block // 4)

    def digit(x0: int) -> int:
        patch = image[inset:block - inset, x0 + inset:x0 + block - inset].reshape(-1, 3).mean(axis=0)
        return int(np.argmin(((PALETTE - patch) ** 2).sum(axis=1)))

    left = [digit(i * block) for i in range(DIGITS)]
    right = [digit(width - (i + 1) * block) for i in range(DIGITS)]
    if left != right:
        return None
    return sum(d * 4 ** i for i, d in enumerate(left))


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_samples: list[str] = field(default_factory=list)
    renders: int = 0
    leaks: int = 0
    asked_again: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, action: str, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies[action].append(seconds)
            if error:
                self.errors[action] += 1
                if len(self.error_samples) < 10:
                    self.error_samples.append(f"{action}: {error}")


def parts(history: list[dict], kind: str) -> list[dict]:
    return [p for message in history for p in message["content"] if p.get("component") == kind or p.get("type") == kind]


def shopper(index: int, url: str, deadline: float, tally: Tally, folder: Path, seed: int,
            per_turn_client: bool = False) -> None:
    from gradio_client import Client, handle_file

    rng = random.Random(seed + index)
    photo_path = folder / f"shopper-{index:02d}.jpg"
    Image.fromarray(selfie(index)).save(photo_path, quality=95)
    http = httpx.Client(timeout=60)
    while time.monotonic() < deadline:
        try:
            cookie = http.get(url).headers["set-cookie"].split(";")[0]   # a new shopper: a new session id
        except (httpx.HTTPError, KeyError) as exc:
            tally.record("search", 0.0, f"no session cookie: {type(exc).__name__}: {exc}"[:200])
            time.sleep(1.0)
            continue
        http.cookies.clear()
        client = None
        for action, text in SCRIPT:
            if time.monotonic() >= deadline:
                break
            files = [handle_file(str(photo_path))] if action == "upload" else []
            started = time.perf_counter()
            error = None
            try:
                if client is None or per_turn_client:   # a new Gradio session lets the balancer move the shopper
                    client = Client(url, verbose=False, download_files=False, headers={"Cookie": cookie})
                history = client.predict({"text": text or "", "files": files}, api_name="/chat")[0]
                replies = [p["text"] for p in parts(history, "text")]
                if not replies or CRASH in replies[-1]:
                    error = f"no usable reply: {replies[-1:]}"
                elif action == "search" and not parts(history, "gallery"):
                    error = "no products shown"
                elif action == "cart" and "to your cart" not in replies[-1]:
                    error = f"cart not updated: {replies[-1][:120]}"
                elif action == "try_on" and PHOTO_ASKED_AGAIN in replies[-1]:
                    with tally.lock:
                        tally.asked_again += 1
                elif action == "try_on":
                    error = check_render(parts(history, "image"), index, url, http, tally, cookie)
            except Exception as exc:  # noqa: BLE001 - every failure is counted, none stops the run
                error = f"{type(exc).__name__}: {exc}"[:200]
            tally.record(action, time.perf_counter() - started, error)
            time.sleep(rng.uniform(1.0, 3.0))
    http.close()


def check_render(images: list[dict], index: int, url: str, http: httpx.Client, tally: Tally,
                 cookie: str) -> str | None:
    if not images:
        return "no try-on image"
    value = images[-1]["value"]
    link = value.get("url") or f"{url}/gradio_api/file={value['path']}"
    response = http.get(link, headers={"Cookie": cookie})
    response.raise_for_status()
    render = np.asarray(Image.open(io.BytesIO(response.content)).convert("RGB"))
    code = read_code(render)
    with tally.lock:
        tally.renders += 1
        if code != index:
            tally.leaks += 1
            return f"render shows shopper {code}, not {index}"
    return None


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run(shoppers: int, minutes: float, llm: str, ttl_minutes: float, seed: int = 7,
        replicas: int = 1, sessions: str = "sqlite") -> dict:
    OUT.mkdir(parents=True, exist_ok=True)
    folder = OUT / "load_selfies"
    folder.mkdir(exist_ok=True)
    assert all(read_code(selfie(i)) == i for i in range(shoppers)), "selfie codes must read back"
    tally = Tally()
    samples: list[tuple[float, float]] = []
    with contextlib.ExitStack() as stack:
        store = f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory())}/sessions.db"
        if sessions == "redis":
            store = stack.enter_context(redis_server()).url
        apps = [stack.enter_context(running_app("--llm", llm, "--session-ttl-minutes", str(ttl_minutes),
                                                "--sessions", store)) for _ in range(replicas)]
        url = stack.enter_context(round_robin([app.url for app in apps])) if replicas > 1 else apps[0].url

        def rss() -> float:
            return sum(rss_mb(app.pid) for app in apps)

        start_rss = rss()
        begun = time.monotonic()
        deadline = begun + minutes * 60
        threads = [threading.Thread(target=shopper, args=(i, url, deadline, tally, folder, seed, replicas > 1),
                                    daemon=True) for i in range(shoppers)]
        for thread in threads:
            thread.start()
            time.sleep(0.2)
        while any(t.is_alive() for t in threads):
            samples.append((time.monotonic() - begun, rss()))
            for thread in threads:
                thread.join(timeout=15 / max(1, len(threads)))
        samples.append((time.monotonic() - begun, rss()))
        elapsed = time.monotonic() - begun
    warm = next((rss for t, rss in samples if t >= min(60.0, elapsed / 4)), samples[0][1])
    end = samples[-1][1]
    return {
        "shoppers": shoppers, "minutes": round(elapsed / 60, 2), "llm": llm, "session_ttl_minutes": ttl_minutes,
        "replicas": replicas, "sessions": sessions, "tryon_photo_asked_again": tally.asked_again,
        "requests": sum(len(v) for v in tally.latencies.values()),
        "errors": sum(tally.errors.values()),
        "error_samples": tally.error_samples,
        "actions": {a: {"requests": len(tally.latencies[a]), "errors": tally.errors[a],
                        "p50_s": round(_percentile(tally.latencies[a], 0.50), 3),
                        "p95_s": round(_percentile(tally.latencies[a], 0.95), 3),
                        "max_s": round(max(tally.latencies[a]), 3)} for a in ACTIONS if tally.latencies[a]},
        "renders_checked": tally.renders, "cross_session_leaks": tally.leaks,
        "rss_mb": {"start": round(start_rss, 1), "after_warm_up": round(warm, 1), "end": round(end, 1),
                   "growth_after_warm_up_pct": round(100 * (end - warm) / warm, 1),
                   "samples": [(round(t), round(r, 1)) for t, r in samples]},
    }


def table(result: dict) -> str:
    lines = [f"{result['shoppers']} shoppers for {result['minutes']} min, llm={result['llm']}, "
             f"session TTL {result['session_ttl_minutes']} min, {result['replicas']} replica(s) on {result['sessions']}",
             f"{'action':<8} {'requests':>8} {'errors':>6} {'p50 s':>7} {'p95 s':>7} {'max s':>7}"]
    for action, row in result["actions"].items():
        lines.append(f"{action:<8} {row['requests']:>8} {row['errors']:>6} {row['p50_s']:>7.2f} {row['p95_s']:>7.2f} "
                     f"{row['max_s']:>7.2f}")
    lines.append(f"{'all':<8} {result['requests']:>8} {result['errors']:>6}")
    lines.append(f"try-on renders checked {result['renders_checked']}, showing another shopper's photo: "
                 f"{result['cross_session_leaks']}; try-ons on a replica without the photo (asked again): "
                 f"{result['tryon_photo_asked_again']}")
    rss = result["rss_mb"]
    lines.append(f"app RSS MB: start {rss['start']}, after warm-up {rss['after_warm_up']}, end {rss['end']} "
                 f"({rss['growth_after_warm_up_pct']:+.1f}% after warm-up)")
    lines.append("RSS samples (s, MB): " + " ".join(f"{t}:{r:.0f}" for t, r in rss["samples"]))
    lines += [f"error: {e}" for e in result["error_samples"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shoppers", type=int, default=20)
    parser.add_argument("--minutes", type=float, default=5.0)
    parser.add_argument("--llm", default="llama_cpp")
    parser.add_argument("--session-ttl-minutes", type=float, default=1.0,
                        help="the app's idle-session expiry; each round starts a new session, as a new shopper would")
    parser.add_argument("--replicas", type=int, default=1, help="app processes; more than one run behind bench.round_robin")
    parser.add_argument("--sessions", choices=("sqlite", "redis"), default="sqlite",
                        help="session store: a temporary SQLite file, or a local redis-server this run starts")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.replicas > 1 and args.sessions != "redis":
        parser.error("several replicas share sessions only through --sessions redis")
    result = run(args.shoppers, args.minutes, args.llm, args.session_ttl_minutes,
                 replicas=args.replicas, sessions=args.sessions)
    (OUT / "load_soak.json").write_text(json.dumps(result, indent=1))
    print(json.dumps(result) if args.json else table(result))
    return 0 if result["errors"] == 0 and result["cross_session_leaks"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
