"""Classical virtual try-on, as a pipeline of stages, each a sub-package that imports only earlier ones
and the shared helpers (`shared`): the person (`analysis`, mediapipe), the garment's cut-out (`garment`),
the TPS fit (`fit`), taking away the old clothes (`repaint`), composing (`compose`) and the quality gate
(`quality`). `engine` runs them; `fit_notes` says where the garment lands; `errors` are the typed refusals."""

from tryon.analysis.person import PersonAnalysis
from tryon.engine import TryOnEngine, TryOnResult
from tryon.errors import TryOnError

__all__ = ["TryOnEngine", "TryOnResult", "PersonAnalysis", "TryOnError"]
