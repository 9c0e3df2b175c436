"""Figures, maps and early warning: the cell's dashboard and meeting brief, the national view,
emerging areas (issue 14). The statistics are pure Python in vigie.engine.analytics."""
