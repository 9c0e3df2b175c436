"""Citizen site: no third-party asset, no tracking, every journey works without JavaScript."""
