"""Foundations every part of the shop stands on: the garment-kind table, the one image
decoder for untrusted and catalog images, and the model weights shipped in pip packages.

They live outside `catalog/` and `tryon/` so that those two stay siblings that never import
each other, and they import nothing of the project's own.
"""
