"""« Suites »: the outcomes of a dossier or a report (vigie.outcomes), for the cell."""
