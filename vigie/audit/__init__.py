"""Append-only, hash-chained log of every agent access and change."""
