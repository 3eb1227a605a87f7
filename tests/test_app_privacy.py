"""Over real HTTP: after a session expires, and after the app stops, nothing of the shopper's photo is left.

The app runs as a subprocess with its temp folder under the test's own directory and a
3-second session expiry, so the test can look at every file the server wrote and at its
whole log.
"""

from __future__ import annotations

import io
import time

import httpx
from gradio_client import Client, handle_file

from tests.app_server import running_app
from tests.test_app_api import texts
from tests.test_privacy import SECRET_NAME, gps_selfie, looks_like_the_photo


EXPIRY_WAIT_S = 60


def photo_files(root) -> list:
    """The photo's copies under `root`, read again when the janitor removes a folder while it is being read."""
    while True:
        try:
            return [p for p in root.rglob("*") if p.is_file() and looks_like_the_photo(p)]
        except FileNotFoundError:
            continue


def test_an_expired_session_and_a_stopped_app_leave_no_photo_behind(tmp_path):
    temp = tmp_path / "server-temp"
    temp.mkdir()
    selfie = tmp_path / SECRET_NAME
    selfie.write_bytes(gps_selfie())

    # sessions end after 15 s idle: a search, an upload and a render must fit in it on a busy machine (at 3 s the
    # session ended between the upload and the render when two test runs shared the cores)
    with running_app("--llm", "none", "--session-ttl-minutes", "0.25", env={"GRADIO_TEMP_DIR": str(temp)}) as app:
        client = Client(app.url, verbose=False, download_files=False)
        client.predict({"text": "a navy shirt for work", "files": []}, api_name="/chat")
        client.predict({"text": "", "files": [handle_file(str(selfie))]}, api_name="/chat")
        history = client.predict({"text": "try the first one on me", "files": []}, api_name="/chat")[0]
        render = [p for m in history for p in m["content"] if p.get("component") == "image"][-1]["value"]
        render_url = render.get("url") or f"{app.url}/gradio_api/file={render['path']}"
        fetched = httpx.get(render_url, timeout=30)
        assert fetched.status_code == 200
        assert looks_like_the_photo(io.BytesIO(fetched.content))
        assert photo_files(temp), "while the session lives, its photo and render are on disk"

        # idle past the 15 s expiry (the janitor sweeps every 3.75 s); a busy machine may sweep late, never wrongly:
        # a file written after its session closed would stay for good
        deadline = time.monotonic() + EXPIRY_WAIT_S
        while photo_files(temp) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not photo_files(temp)
        assert httpx.get(render_url, timeout=30).status_code != 200
        history = client.predict({"text": "what's in my cart?", "files": []}, api_name="/chat")[0]
        assert any("ended after" in text for text in texts(history))
        log = app.log

    assert not list(temp.glob("shop-assistant-*")), "the app removes its private temp folder when it stops"
    assert not photo_files(temp)
    written = log.read_text()
    for secret in (SECRET_NAME, "jane-doe", "SecretPhone", str(selfie)):
        assert secret not in written

