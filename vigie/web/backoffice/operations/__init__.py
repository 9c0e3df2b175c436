"""Dispatches to units: the cell's pages and the unit's space (issue 13)."""
