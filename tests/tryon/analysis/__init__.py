"""Tests of the person stage (tryon/analysis)."""
