"""Back-office pages of cross-referencing: dossiers, entities, watchlists, the cell's map."""
