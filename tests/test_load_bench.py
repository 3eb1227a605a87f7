"""The load benchmark itself works: a short run with two shoppers, zero errors, every render their own."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from bench.load_soak import read_code, run, selfie

pytestmark = pytest.mark.alone   # a load run: its errors are timeouts on a crowded machine


def test_shopper_codes_survive_jpeg_and_are_distinct():
    for index in (0, 1, 7, 19, 200):
        buffer = io.BytesIO()
        Image.fromarray(selfie(index)).save(buffer, "JPEG", quality=80)
        assert read_code(np.asarray(Image.open(buffer).convert("RGB"))) == index


def test_a_short_run_has_no_errors_and_no_leaks():
    result = run(shoppers=2, minutes=0.4, llm="none", ttl_minutes=1.0)
    assert result["errors"] == 0, result["error_samples"]
    assert result["renders_checked"] >= 2 and result["cross_session_leaks"] == 0
    assert set(result["actions"]) == {"search", "refine", "upload", "try_on", "cart"}
