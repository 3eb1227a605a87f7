"""The session store's share of a turn: read at the start, write at the end, per store.

Real conversations (the dialogue manager on the demo shop, rules only) run through the
app's own `SharedSessions`, as a replica does each turn: `current` reads the browser's
record, the turn runs, `save` writes it through. The turn itself is the baseline,
measured in the same run; the store adds `read + write` to every turn.

    .venv/bin/python -m bench.session_store_latency [--sessions 20] [--turns 12]
"""

from __future__ import annotations

import argparse
import contextlib
import secrets
import tempfile
import time
from pathlib import Path

from app import load_assistant
from web.chat_ui import ChatUI
from assistant.eval import _percentile
from common.images import ImageLimits
from sessions.shared import SharedSessions
from sessions.store import WriteThrough, open_store
from tests.redis_server import redis_server

SCRIPT = (
    "a navy linen shirt for a summer wedding, size L, under $60, nothing slim",
    "show me more",
    "tell me about the second one",
    "something cheaper, in white",
    "add the first one to my cart",
    "what trousers would go with it?",
    "now show me a black dress for a party",
    "which one is the cheapest?",
    "add it to my cart",
    "show me my cart",
    "remove the shirt",
    "thanks!",
)


def run_store(ui: ChatUI, spec: str, sessions: int, turns: int) -> dict[str, list[float]]:
    store = open_store(spec, Path(tempfile.gettempdir()), ttl_s=600)
    shared = SharedSessions(WriteThrough(store), secrets.token_bytes(32), ui.new_session)
    times: dict[str, list[float]] = {"read": [], "turn": [], "write": []}
    try:
        for _ in range(sessions):
            session_id, session = secrets.token_urlsafe(24), None
            for text in SCRIPT[:turns]:
                started = time.perf_counter()
                session = shared.current(session_id, session)
                read = time.perf_counter()
                session.add({"role": "user", "content": text})
                turn = session.manager.handle(text)
                session.add({"role": "assistant", "content": "".join(turn.stream())})
                handled = time.perf_counter()
                shared.save(session)
                times["read"].append(read - started)
                times["turn"].append(handled - read)
                times["write"].append(time.perf_counter() - handled)
            shared.end(session, session_id)
    finally:
        store.close()
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--turns", type=int, default=len(SCRIPT))
    args = parser.parse_args(argv)
    ui = ChatUI(load_assistant(None, "none", ImageLimits.from_env()), Path(tempfile.mkdtemp()), session_ttl_s=600)
    print(f"{args.sessions} conversations x {args.turns} turns each, dialogue manager on the demo shop (rules only)")
    print(f"{'store':<8} {'part':<6} {'p50 ms':>8} {'p95 ms':>8} {'share of turn p50':>18}")
    with contextlib.ExitStack() as stack, tempfile.TemporaryDirectory() as folder:
        stores = {"sqlite": f"sqlite:///{folder}/sessions.db", "redis": stack.enter_context(redis_server()).url}
        for name, spec in stores.items():
            times = run_store(ui, spec, args.sessions, args.turns)
            turn_p50 = _percentile(times["turn"], 0.5)
            for part in ("read", "write", "turn"):
                p50, p95 = _percentile(times[part], 0.5), _percentile(times[part], 0.95)
                share = "" if part == "turn" else f"{p50 / turn_p50:>17.1%}"
                print(f"{name:<8} {part:<6} {1000 * p50:>8.2f} {1000 * p95:>8.2f} {share:>18}")
    ui.janitor.stop()


if __name__ == "__main__":
    main()
