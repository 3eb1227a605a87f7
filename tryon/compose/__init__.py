"""The compose stage: takes the person, the `Warped` garment and the repaints and gives the
rendered photo: the garment laid over it at the input resolution, round the body, with a clean outline;
what stays in front of it (face, hair, arms, a held bag); and its edge carried over the band of old clothes
round it (the rim)."""
