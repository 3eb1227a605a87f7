"""Tests of the compose stage (tryon/compose)."""
