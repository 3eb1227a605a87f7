"""Helpers every stage shares: boxes round a mask's pixels, a mask's pixels as numpy lists them,
morphology, masked medians, the pieces of one mask touching another, colour mirrored from beside an edge,
a point along a polyline, and the helper thread (`beside`) that runs a stage's independent halves at once,
with the render's numbered steps (`steps`) and its one threading plan (`threading_plan`: which pieces run on
the helper threads). They take arrays and callables and give them back; they know nothing of people or
garments, and import no stage."""
