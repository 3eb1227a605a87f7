"""Any OpenAI-compatible chat endpoint (vLLM, llama.cpp server, Ollama) over plain HTTP.

This is how many shoppers share one GPU deployment. Only connection failures are retried
(the request never reached the server, so retrying cannot double the work); after they
are exhausted the endpoint rests for a short cooldown in which calls fail at once instead
of each paying the retries again. Nothing marks an endpoint dead for good: the first
call after the cooldown tries it afresh.

Timeouts: the call's budget bounds connecting, waiting for the answer and, when
streaming, the time up to each new piece; a server that stalls mid-stream is noticed
within one budget of its last byte.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator

import httpx

from ._common import as_dicts, hold
from .base import Deadline, LLMBackend, LLMError, Message, fail

_CONNECTION_ERRORS = (httpx.ConnectError, httpx.ConnectTimeout)


class OpenAIBackend(LLMBackend):
    name = "openai"

    def __init__(
        self,
        base_url: str,
        model: str | None = None,
        *,
        api_key: str | None = None,
        timeout: float | None = 60.0,
        retries: int = 2,
        backoff: float = 0.25,
        cooldown: float = 2.0,
    ):
        """`base_url` includes the API prefix (e.g. http://host:8000/v1).

        Without `model`, the endpoint's first listed model is used: a single-model server
        (the usual vLLM or llama.cpp deployment) then needs no extra setting.
        """
        self.base_url = base_url.rstrip("/")
        self.model = model
        self.default_timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.cooldown = cooldown
        headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
        self._client = httpx.Client(headers=headers)
        self._down_until = 0.0
        self._model_lock = threading.Lock()

    def _release(self) -> None:
        self._client.close()

    def _answer(self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool,
                deadline: Deadline) -> str:
        """One non-streamed request: an endpoint answers it whole, without the stream's framing."""
        payload = self._payload(messages, max_tokens, temperature, deadline)
        if json_mode:
            payload["response_format"] = {"type": "json_object"}
        response = self._send("POST", "/chat/completions", deadline, payload)
        try:
            choice = response.json()["choices"][0]
            text = choice["message"]["content"] or ""
        except (ValueError, LookupError, TypeError) as exc:
            raise fail(self.name, f"malformed answer: {response.text[:200]!r}", exc) from exc
        if json_mode and choice.get("finish_reason") == "length":
            raise fail(self.name, f"JSON answer cut off at max_tokens={max_tokens}")
        return text

    def _pieces(self, messages: list[Message], max_tokens: int, temperature: float, json_mode: bool,
                deadline: Deadline) -> Iterator[str]:
        """Pieces from the server's SSE stream; closing the iterator early closes the connection,
        which stops the server's work."""
        payload = self._payload(messages, max_tokens, temperature, deadline)
        payload["stream"] = True
        response = self._send("POST", "/chat/completions", deadline, payload, stream=True)
        finished = False
        try:
            for line in response.iter_lines():
                if deadline.expired():
                    raise fail(self.name, f"timed out after {deadline.seconds} s")
                if not line.startswith("data:"):
                    continue
                data = line[len("data:"):].strip()
                if data == "[DONE]":
                    return
                event = json.loads(data)
                if "error" in event:
                    raise fail(self.name, f"server error mid-stream: {event['error']}")
                choice = (event.get("choices") or [{}])[0]
                finished = finished or bool(choice.get("finish_reason"))
                piece = (choice.get("delta") or {}).get("content")
                if piece:
                    yield piece
        except LLMError:
            raise
        except httpx.TimeoutException as exc:
            raise fail(self.name, f"timed out after {deadline.seconds} s", exc) from exc
        except (httpx.HTTPError, ValueError, LookupError, TypeError, AttributeError) as exc:
            raise fail(self.name, "the stream broke off", exc) from exc
        finally:
            response.close()
        if not finished:
            raise fail(self.name, "the stream ended before the answer did")

    def _payload(self, messages, max_tokens, temperature, deadline) -> dict:
        return {
            "model": self._model_name(deadline),
            "messages": as_dicts(messages),
            "max_tokens": max_tokens,
            "temperature": temperature,
        }

    def _model_name(self, deadline: Deadline) -> str:
        with hold(self._model_lock, deadline, self.name):   # another call may be asking a late server
            if self.model is None:
                response = self._send("GET", "/models", deadline)
                try:
                    self.model = response.json()["data"][0]["id"]
                except (ValueError, LookupError, TypeError) as exc:
                    raise fail(self.name, f"no model listed at {self.base_url}/models", exc) from exc
            return self.model

    def _send(
        self, method: str, path: str, deadline: Deadline, payload: dict | None = None, *, stream: bool = False
    ) -> httpx.Response:
        """One request, retried with exponential backoff while the server cannot be reached."""
        url = self.base_url + path
        wait = self._down_until - time.monotonic()
        if wait > 0:
            raise fail(self.name, f"{self.base_url} unreachable; next attempt in {wait:.1f} s")
        attempt = 0
        while True:
            if deadline.expired():
                raise fail(self.name, f"timed out after {deadline.seconds} s")
            request = self._client.build_request(
                method, url, json=payload, timeout=httpx.Timeout(deadline.remaining())
            )
            try:
                response = self._client.send(request, stream=stream)
            except _CONNECTION_ERRORS as exc:
                delay = self.backoff * 2**attempt
                attempt += 1
                remaining = deadline.remaining()
                if attempt > self.retries or (remaining is not None and remaining <= delay):
                    self._down_until = time.monotonic() + self.cooldown
                    raise fail(self.name, f"cannot reach {url} ({attempt} attempts)", exc) from exc
                time.sleep(delay)
                continue
            except httpx.TimeoutException as exc:
                raise fail(self.name, f"timed out after {deadline.seconds} s", exc) from exc
            except httpx.HTTPError as exc:
                raise fail(self.name, f"request to {url} failed", exc) from exc
            self._down_until = 0.0
            if response.status_code < 400:
                return response
            try:
                body = response.read().decode("utf-8", "replace")[:300]
            except httpx.HTTPError:
                body = "(unreadable body)"
            finally:
                response.close()
            raise fail(self.name, f"HTTP {response.status_code} from {url}: {body}")
