"""Voice messages through the real app: over HTTP, and in Debian's Chromium with a microphone fed a clip.

Chromium's fake capture device plays a WAV file as the microphone, so the page's own recorder,
its upload and the turn all run as they do for a shopper who speaks.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from gradio_client import Client, handle_file
from playwright.sync_api import expect, sync_playwright

from speech.audio import read_clip
from speech.score import error_rate
from tests.app_server import running_app
from tests.speech_clips import CHINESE, Utterance, speak, write_wav
from tests.test_app_api import components, texts
from tests.test_app_browser import ARTIFACTS, CHROMIUM, FLAGS, gallery_images, wait_idle

AUDIO_SUFFIXES = {".wav", ".webm", ".ogg", ".mp3", ".m4a"}
ASKED = Utterance("show me black jeans for women")


@pytest.fixture(scope="module")
def upload_parent(tmp_path_factory):
    return tmp_path_factory.mktemp("uploads")


@pytest.fixture(scope="module")
def app(upload_parent):
    with running_app("--llm", "none", env={"GRADIO_TEMP_DIR": str(upload_parent)}) as running:
        yield running


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("voice")
    return {"asked": speak(ASKED, folder / "asked.wav"), "zh": speak(CHINESE[0], folder / "zh.wav")}


def say(client: Client, text: str = "", files: list | None = None) -> list:
    return client.predict({"text": text, "files": files or []}, api_name="/chat")[0]


def test_a_spoken_request_is_shown_as_words_and_answered(app, clips, upload_parent):
    client = Client(app.url, verbose=False, download_files=False)
    history = say(client, files=[handle_file(str(clips["asked"]))])
    spoken = [t for t in texts(history) if t.startswith("🎤 ")]
    assert spoken and error_rate(ASKED.text, spoken[-1][2:]) <= 0.15, spoken
    assert "jeans" in texts(history)[-1].lower()
    assert len(components(history, "gallery")[-1]["value"]) >= 1
    # the clip is gone once heard, and never written to the log
    assert not [p for p in upload_parent.rglob("*") if p.suffix.lower() in AUDIO_SUFFIXES]
    assert "black jeans" not in app.log.read_text().lower()


def test_words_the_recogniser_is_unsure_of_come_back_to_the_box_and_nothing_runs(app, clips):
    """espeak-ng's robotic Mandarin is heard garbled and unsure: the words go back into the message box in
    Chinese with a sentence saying so, nothing is searched, and the corrected words then run."""
    client = Client(app.url, verbose=False, download_files=False)
    say(client, "你好")
    history, draft, *_ = client.predict({"text": "", "files": [handle_file(str(clips["zh"]))]}, api_name="/chat")
    assert "输入框" in texts(history)[-1] and not [t for t in texts(history) if t.startswith("🎤")]
    assert re.search(r"[\u4e00-\u9fff]", draft["text"]) and draft["text"].rstrip("。！？.!?") in texts(history)[-1], draft
    assert not components(history, "gallery")
    history = say(client, CHINESE[0].text)
    assert re.search(r"[\u4e00-\u9fff]", texts(history)[-1]) and components(history, "gallery")


def test_a_broken_or_silent_clip_is_explained_and_the_session_goes_on(app, tmp_path):
    client = Client(app.url, verbose=False, download_files=False)
    say(client, "red dress")
    fake = tmp_path / "note.wav"
    fake.write_bytes(b"this is a text file with an audio name" * 20)
    history = say(client, files=[handle_file(str(fake))])
    assert "couldn't play that file" in texts(history)[-1]
    silent = write_wav(tmp_path / "silent.wav", np.zeros(32_000))
    history = say(client, files=[handle_file(str(silent))])
    assert "only silence" in texts(history)[-1]
    history = say(client, "show me the second one")
    assert "dress" in texts(history)[-1].lower()


@pytest.fixture(scope="module")
def browsers(clips, tmp_path_factory):
    """Chromiums: one whose microphone says the clip once, after a short pause (a shopper starting to
    speak), one with a microphone the page was never allowed, and one with no microphone at all."""
    samples = read_clip(clips["asked"]).samples
    padded = np.concatenate([np.zeros(8_000), samples, np.zeros(24_000)])
    said = write_wav(tmp_path_factory.mktemp("mic") / "mic.wav", padded)
    flags = [*FLAGS, "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
             f"--use-file-for-fake-audio-capture={said}%noloop"]
    with sync_playwright() as playwright:
        launched = {
            "speaking": playwright.chromium.launch(executable_path=CHROMIUM, args=flags),
            "denied": playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=[*FLAGS, "--use-fake-device-for-media-stream"]),
            "no microphone": playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS),
        }
        yield launched
        for browser in launched.values():
            browser.close()


def test_speaking_into_the_page_microphone_runs_the_turn(browsers, app):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browsers["speaking"].new_context(viewport={"width": 1280, "height": 1000}, permissions=["microphone"])
    page = context.new_page()
    page.goto(app.url)
    page.wait_for_selector("textarea", timeout=60_000)
    page.get_by_label("Record audio").click()
    page.get_by_label("Start recording").click()
    page.wait_for_timeout(3_500)
    page.get_by_label("Stop recording").click()
    page.get_by_label("Attach audio").click()   # no send press: a finished recording goes at once
    log = page.get_by_role("log")
    expect(log.get_by_text(re.compile(r"^🎤 .*jeans", re.IGNORECASE))).to_be_visible(timeout=60_000)
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.screenshot(path=str(ARTIFACTS / "7-voice.png"), full_page=True)
    context.close()


def test_a_clip_attached_with_the_paperclip_is_sent_once_and_answered(browsers, app, clips, tmp_path):
    """The message box reports an attachment more than once: a clip sent twice would add to the cart twice."""
    added = speak(Utterance("add the first one to my cart"), tmp_path / "add.wav")
    context = browsers["speaking"].new_context(viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(app.url)
    page.wait_for_selector("textarea", timeout=60_000)
    log = page.get_by_role("log")
    page.locator("input[type=file]").first.set_input_files(str(clips["asked"]))
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.locator("input[type=file]").first.set_input_files(str(added))
    expect(log.get_by_text("to your cart", exact=False).first).to_be_visible(timeout=60_000)
    wait_idle(page)
    page.wait_for_timeout(1_500)
    said = [line for line in log.inner_text().splitlines() if line.startswith("🎤")]
    assert len(said) == 2, said
    assert "1 item" in log.get_by_text("to your cart", exact=False).last.inner_text()
    context.close()


@pytest.mark.parametrize("which, reason", [("denied", "blocking the microphone"),
                                           ("no microphone", "No microphone was found")])
def test_a_microphone_that_cannot_record_is_explained_under_the_message_box(browsers, app, which, reason):
    context = browsers[which].new_context(viewport={"width": 1280, "height": 1000})   # no microphone permission
    page = context.new_page()
    page.goto(app.url)
    page.wait_for_selector("textarea", timeout=60_000)
    page.get_by_label("Record audio").click()
    expect(page.locator("#voice-note")).to_contain_text(reason, timeout=15_000)
    page.locator("textarea").first.fill("red dress")
    page.locator("textarea").first.press("Enter")
    expect(gallery_images(page).first).to_be_visible(timeout=60_000)
    page.screenshot(path=str(ARTIFACTS / f"8-voice-{which.replace(' ', '-')}.png"), full_page=True)
    context.close()
