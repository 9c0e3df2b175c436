"""Outcomes (« suites »): what came of a dossier or a report, structured and dated.

Numbers are plain columns (counted with SQL aggregates for the cell's and the national
figures); only the free-text comment is sealed to the cell.
"""
