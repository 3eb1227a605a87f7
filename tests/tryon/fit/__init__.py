"""Tests of the fit stage (tryon/fit)."""
