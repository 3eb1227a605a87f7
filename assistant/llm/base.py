"""The one interface every chat-model backend implements.

Callers never see a backend's own exceptions: anything that goes wrong (load failure,
timeout, HTTP error, garbage) surfaces as `LLMError`, so the dialogue manager can fall
back to its rules for that turn.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, Protocol


@dataclass(frozen=True)
class Message:
    role: Literal["system", "user", "assistant"]
    content: str


class LLMError(RuntimeError):
    """The backend could not produce an answer this time."""


class LLMBackend(Protocol):
    name: str

    def complete(
        self,
        messages: list[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        json_mode: bool = False,
        timeout: float | None = None,
    ) -> str:
        """The whole answer; `json_mode` asks the backend to constrain output to a JSON object."""
        ...

    def stream(
        self,
        messages: list[Message],
        *,
        max_tokens: int = 256,
        temperature: float = 0.0,
        timeout: float | None = None,
    ) -> Iterator[str]:
        """The answer in pieces as they are generated."""
        ...
