"""Image downloads against a real local HTTP server: slow, missing, huge, fake and bomb images fail cleanly."""

from __future__ import annotations

import struct
import subprocess
import sys
import threading
import time
import zlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import cv2
import numpy as np
import pytest

from catalog.image_fetch import FetchOptions, ImageFetcher
from catalog.ingest import ingest
from tests.local_http import serving

pytestmark = pytest.mark.alone   # downloads bounded in time

ROOT = Path(__file__).resolve().parents[1]


def jpeg(colour: tuple[int, int, int] = (30, 60, 200)) -> bytes:
    image = np.full((120, 90, 3), 230, np.uint8)
    cv2.rectangle(image, (20, 20), (70, 100), colour, -1)
    return cv2.imencode(".jpg", image)[1].tobytes()


def png_claiming(width: int, height: int) -> bytes:
    """A real PNG whose header claims a huge size: a decompression bomb's calling card."""
    data = bytearray(cv2.imencode(".png", np.zeros((8, 8, 3), np.uint8))[1].tobytes())
    header = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = header
    data[29:33] = struct.pack(">I", zlib.crc32(header))
    return bytes(data)


class Shop(BaseHTTPRequestHandler):
    """A shop server with every failure a feed's image links meet in practice."""

    in_flight = 0
    most_in_flight = 0
    lock = threading.Lock()
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        Shop.requests.append(self.path)
        if self.path.startswith("/busy"):
            # counted while it is worked on, and no longer once the answer goes out: counted until after it was
            # sent, the client's next download could start before this thread got the core back (3 of a bound of 2)
            with Shop.lock:
                Shop.in_flight += 1
                Shop.most_in_flight = max(Shop.most_in_flight, Shop.in_flight)
            time.sleep(0.3)
            with Shop.lock:
                Shop.in_flight -= 1
        try:
            self._answer()
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _answer(self) -> None:
        path = self.path.split("?")[0]
        if path.startswith("/ok") or path.startswith("/busy"):
            self._send(200, jpeg(), "image/jpeg")
        elif path == "/slow.jpg":
            time.sleep(3)
            self._send(200, jpeg(), "image/jpeg")
        elif path == "/trickle.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"\xff" * 10)
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/huge.jpg":
            self._send(200, jpeg() + b"\0" * 3_000_000, "image/jpeg")
        elif path == "/endless.jpg":
            self.send_response(200)
            self.send_header("Content-Type", "image/jpeg")
            self.end_headers()
            for _ in range(400):
                self.wfile.write(b"\xff" * 65536)
        elif path == "/page.jpg":
            self._send(200, b"<!doctype html><title>Login</title>", "text/html")
        elif path == "/bomb.png":
            self._send(200, png_claiming(30000, 30000), "image/png")
        elif path == "/moved.jpg":
            self.send_response(302)
            self.send_header("Location", "/ok-after-redirect.jpg")
            self.send_header("Content-Length", "0")
            self.end_headers()
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def shop() -> Iterator[str]:
    with serving(Shop) as url:
        yield url


def test_each_kind_of_bad_link_fails_with_its_own_reason_and_good_ones_arrive(shop, tmp_path):
    fetcher = ImageFetcher(tmp_path / "dl", FetchOptions(timeout=1.0, concurrency=4, max_bytes=1_000_000))
    urls = {name: f"{shop}/{name}" for name in ("ok.jpg", "slow.jpg", "trickle.jpg", "missing.jpg", "huge.jpg",
                                                  "endless.jpg", "page.jpg", "bomb.png", "moved.jpg")}
    started = time.monotonic()
    result = fetcher.fetch([*urls.values(), urls["ok.jpg"], "ftp://example.com/a.jpg", "file:///etc/passwd"])
    assert time.monotonic() - started < 8
    assert set(result.files) == {urls["ok.jpg"], urls["moved.jpg"]}
    assert result.files[urls["ok.jpg"]].read_bytes() == jpeg() and result.files[urls["ok.jpg"]].suffix == ".jpg"
    assert result.failures == {
        urls["slow.jpg"]: "timeout", urls["trickle.jpg"]: "timeout", urls["missing.jpg"]: "HTTP 404",
        urls["huge.jpg"]: "larger than 1000000 bytes", urls["endless.jpg"]: "larger than 1000000 bytes",
        urls["page.jpg"]: "not an image", urls["bomb.png"]: "too many pixels",
        "ftp://example.com/a.jpg": "not an http(s) link", "file:///etc/passwd": "not an http(s) link",
    }
    assert sorted(p.name for p in (tmp_path / "dl").iterdir()) == sorted(p.name for p in result.files.values())
    assert Shop.requests.count("/ok.jpg") == 1


def test_downloads_never_exceed_the_concurrency_bound(shop, tmp_path):
    Shop.most_in_flight = 0
    fetcher = ImageFetcher(tmp_path, FetchOptions(timeout=5.0, concurrency=2))
    result = fetcher.fetch([f"{shop}/busy-{i}.jpg" for i in range(6)])
    assert len(result.files) == 6 and not result.failures
    assert Shop.most_in_flight == 2


def test_ingest_downloads_missing_photos_and_reports_failures(shop, tmp_path):
    feed = tmp_path / "feed.tsv"
    rows = [("T1", "Navy Tee", f"{shop}/ok-navy.jpg"), ("T2", "Red Tee", f"{shop}/gone.jpg"),
            ("T3", "Grey Tee", f"{shop}/page.jpg"), ("T4", "Local Tee", f"{shop}/local.jpg")]
    feed.write_text("id\ttitle\timage_link\tprice\tavailability\n"
                    + "".join(f"{i}\t{t}\t{u}\t15.00 USD\tin stock\n" for i, t, u in rows))
    images = tmp_path / "images"
    images.mkdir()
    (images / "local.jpg").write_bytes(jpeg((0, 0, 255)))
    fetcher = ImageFetcher(tmp_path / "downloads", FetchOptions(timeout=2.0))
    result = ingest(feed, "auto", images, fetcher=fetcher)
    by_id = {p.id: p for p in result.products}
    assert by_id["T1"].image == "images/T1.jpg" and result.image_sources["images/T1.jpg"].parent == tmp_path / "downloads"
    assert by_id["T4"].image == "images/T4.jpg" and result.image_sources["images/T4.jpg"] == images / "local.jpg"
    assert by_id["T2"].image is None and by_id["T3"].image is None
    assert "/local.jpg" not in Shop.requests
    report = result.report
    assert report.images_local == 1 and report.images_fetched == 1 and report.without_image == 2
    assert report.fetch_failures == {"HTTP 404": 1, "not an image": 1}
    assert {w.line for w in report.warnings} == {3, 4}
    assert "1 found locally, 1 downloaded; downloads failed: HTTP 404 x1, not an image x1" in report.table()


def test_cli_fetch_images_writes_downloaded_photos_into_the_catalog(shop, tmp_path):
    feed = tmp_path / "feed.tsv"
    feed.write_text("id\ttitle\timage_link\tprice\tavailability\tcolor\tsize\n"
                    f"S1\tLinen Shirt\t{shop}/ok-shirt.jpg?v=3\t49.00 USD\tin stock\tWhite\tM\n"
                    f"S2\tOxford Shirt\t{shop}/slow.jpg\t59.00 USD\tin stock\tBlue\tL\n")
    out = tmp_path / "catalog"
    built = subprocess.run([sys.executable, "-m", "catalog", "build", "--source", str(feed), "--out", str(out),
                            "--fetch-images", "--fetch-timeout", "1", "--fetch-concurrency", "2"],
                           cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert "1 downloaded; downloads failed: timeout x1" in built.stdout
    assert (out / "images" / "S1.jpg").read_bytes() == jpeg()
    assert not list(tmp_path.glob(".catalog.images-*")), "the download directory is removed after the build"
