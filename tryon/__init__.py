"""Classical virtual try-on: person analysis (mediapipe), garment cut-out, TPS warp, compositing."""

from tryon.engine import TryOnEngine, TryOnResult
from tryon.errors import TryOnError
from tryon.person import PersonAnalysis

__all__ = ["TryOnEngine", "TryOnResult", "PersonAnalysis", "TryOnError"]
