"""Shared kernel: encryption at rest, key files, privacy middleware, base models."""
