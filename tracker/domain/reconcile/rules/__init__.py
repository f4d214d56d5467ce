"""The seven consistency rules of DESIGN §2, one module per rule (or pair of close rules)."""
