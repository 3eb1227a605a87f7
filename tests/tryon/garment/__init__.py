"""Tests of the garment stage (tryon/garment)."""
