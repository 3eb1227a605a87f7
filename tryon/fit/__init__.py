"""The fit stage: takes a `PersonAnalysis` and a `GarmentCutout` and gives the `Warped` garment in
the photo's working frame: where each keypoint goes on the body (`targets`), the thin-plate-spline warp
(`tps`, `warp`), long sleeves warped along their arms, trouser legs along the legs, sleeve cuffs, the
seams between sleeve and bodice, the garment's sides against arms hanging beside it, and how much of it
may show per pixel (`body_clip`)."""
