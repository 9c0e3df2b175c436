"""Field officers' direct input to their cell (« remontée terrain », issue 13).

An officer of a unit sends what they saw on patrol straight to the CROSS of their
département, without hierarchical filter. The report is a `Report` like a citizen's (same
sealing, analysis and linking) with `source=field`: it names its officer and unit (they are
not anonymous), has no receipt, and only the cell and the officer who sent it can read it.
"""
