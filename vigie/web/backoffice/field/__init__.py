"""A unit officer's field input to their cell (« remontée terrain »), mounted under `terrain/`."""
