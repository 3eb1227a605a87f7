"""Tests of the repaint stage (tryon/repaint)."""
