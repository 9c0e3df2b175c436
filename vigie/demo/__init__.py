"""`vigie demo`: a clearly-marked demonstration dataset (Doubs cell and one other)."""
