"""Helpers every stage shares: boxes round a mask's pixels, a mask's pixels as numpy lists them,
morphology, masked medians, the pieces of one mask touching another, colour mirrored from beside an edge,
a point along a polyline, and the helper thread (`beside`) that runs a stage's independent halves at once.
They take arrays and give arrays; they know nothing of people or garments, and import no stage."""
