"""Product photos downloaded from a feed's image links, for machines that have a network.

A shop's server may be slow, wrong or hostile: downloads run a few at a time, each under a
whole-download deadline and a byte limit enforced while streaming; what arrives must be an
image by its content (`common.images`) before it is written, atomically, under a name derived
from its URL. Every failure is collected with a short reason, never raised.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import httpx

from catalog.atomic_write import write_atomically
from common.images import PHOTO_LIMITS, ImageRejected, check_image_bytes

SUFFIXES = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif", "BMP": ".bmp", "TIFF": ".tiff"}
REJECTED = {"too_large": "too large", "not_an_image": "not an image", "corrupt": "damaged image",
            "too_many_pixels": "too many pixels", "too_small": "image too small", "bad_shape": "image is a strip",
            "empty": "empty file", "missing": "unreadable"}


@dataclass(frozen=True)
class FetchOptions:
    timeout: float = 10.0          # seconds for one whole download
    concurrency: int = 4           # downloads at a time
    max_bytes: int = 10 * 1024 * 1024


@dataclass(frozen=True)
class FetchResult:
    files: dict[str, Path]         # URL -> downloaded, checked image
    failures: dict[str, str]       # URL -> short reason ("HTTP 404", "timeout", ...)


class _Failed(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def rejection_reason(error: ImageRejected) -> str:
    return REJECTED.get(error.code, error.code.replace("_", " "))


def is_web_link(ref: str) -> bool:
    try:
        parts = urlsplit(ref)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


class ImageFetcher:
    """Downloads into `directory`, which must outlive the catalog build that copies from it."""

    def __init__(self, directory: Path, options: FetchOptions = FetchOptions()):
        if options.concurrency < 1 or options.timeout <= 0 or options.max_bytes < 1:
            raise ValueError("fetch concurrency, timeout and size limit must be positive")
        self.directory = directory
        self.options = options
        self.limits = replace(PHOTO_LIMITS, max_bytes=options.max_bytes)

    def fetch(self, urls: Iterable[str]) -> FetchResult:
        wanted = list(dict.fromkeys(urls))
        files: dict[str, Path] = {}
        failures: dict[str, str] = {}
        web = [u for u in wanted if is_web_link(u)]
        failures.update({u: "not an http(s) link" for u in wanted if not is_web_link(u)})
        if not web:
            return FetchResult(files, failures)
        self.directory.mkdir(parents=True, exist_ok=True)
        timeout = httpx.Timeout(self.options.timeout)
        limits = httpx.Limits(max_connections=self.options.concurrency)
        with httpx.Client(timeout=timeout, limits=limits, follow_redirects=True, max_redirects=5,
                          headers={"User-Agent": "shop-catalog-builder/1.0"}) as client, \
                ThreadPoolExecutor(self.options.concurrency) as pool:
            for url, outcome in zip(web, pool.map(lambda u: self._one(client, u), web)):
                if isinstance(outcome, Path):
                    files[url] = outcome
                else:
                    failures[url] = outcome
        return FetchResult(files, failures)

    def _one(self, client: httpx.Client, url: str) -> Path | str:
        try:
            data = self._download(client, url)
            kind, _, _ = check_image_bytes(data, self.limits)
        except _Failed as failed:
            return failed.reason
        except ImageRejected as error:
            return rejection_reason(error)
        target = self.directory / (hashlib.sha256(url.encode()).hexdigest()[:24] + SUFFIXES.get(kind, ".img"))
        write_atomically(target, lambda path: path.write_bytes(data))
        return target

    def _download(self, client: httpx.Client, url: str) -> bytes:
        deadline = time.monotonic() + self.options.timeout
        limit = self.options.max_bytes
        too_large = _Failed(f"larger than {limit / 2**20:.0f} MB" if limit >= 2**20 else f"larger than {limit} bytes")
        try:
            with client.stream("GET", url) as response:
                if not response.is_success:
                    raise _Failed(f"HTTP {response.status_code}")
                length = response.headers.get("content-length", "")
                if length.isdigit() and int(length) > limit:
                    raise too_large
                data = bytearray()
                for chunk in response.iter_bytes():
                    data += chunk
                    if len(data) > limit:
                        raise too_large
                    if time.monotonic() > deadline:
                        raise _Failed("timeout")
                return bytes(data)
        except httpx.TimeoutException as error:
            raise _Failed("timeout") from error
        except httpx.TooManyRedirects as error:
            raise _Failed("too many redirects") from error
        except httpx.DecodingError as error:
            raise _Failed("damaged compressed response") from error
        except (httpx.HTTPError, httpx.InvalidURL, OSError) as error:
            raise _Failed("connection failed") from error
