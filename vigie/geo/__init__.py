"""Offline reference geography: communes and départements of France (see reference.py)."""
