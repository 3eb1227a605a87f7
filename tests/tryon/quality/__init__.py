"""Tests of the quality gate (tryon/quality)."""
