"""`Context` under its former home: the state and assembly modules import it from here."""

from assistant.understanding.context import Context

__all__ = ["Context"]
