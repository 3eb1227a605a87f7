"""The dialogue manager: understanding, state, policy and replies over the catalog and try-on."""
