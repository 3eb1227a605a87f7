"""The garment stage: takes a product photo and its kind (top, bottom, dress) and gives a
`GarmentCutout`: the garment's pixels and alpha cut from the backdrop, its keypoints (shoulders, neck,
armpits, cuffs, hem, waist, legs), with what the cut gets wrong mended (straps and light cloth at the top
edge, a sleeve hanging against the body, the neckline's inside back and label, a bodysuit's briefs, a
legged garment parted between its legs)."""
