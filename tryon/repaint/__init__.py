"""The repaint stage, taking away the old clothes: takes the person, the `Warped` garment and the photo, and
gives the repaints (`uncover.Repaint`) that replace what the new garment leaves of the shopper's own
clothes: room filled in beside a narrower garment, bare arms and legs rebuilt under old sleeves and
trousers, bare neck, chest, shoulders and midriff painted above or below it, in the shopper's own skin,
light and texture."""
