"""What the shop knows about garments, fabrics, fits, dress codes, weather and care (`table`)."""
