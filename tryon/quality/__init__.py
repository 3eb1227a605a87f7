"""The quality gate: takes the warp and the composed render and gives the measures of a
render without ground truth (folds, spill, coverage) and refuses one that would show a broken image,
with its reason."""
