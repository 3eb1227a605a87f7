"""Tests of the try-on engine, in folders mirroring tryon/'s stages."""
