"""The person stage: takes the shopper's photo and gives a `PersonAnalysis` (pose landmarks,
person mask, face, skin, in the working resolution) and what is read off it once per photo: the body's
frame and widths, the arms and legs as shapes, the skin's tone, what a hand holds, and the colours of
the clothes the shopper already wears."""
