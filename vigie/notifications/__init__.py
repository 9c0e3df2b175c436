"""Live notifications to the back office: a new urgent report reaches every connected agent
of its département at once (one socket per agent page, one group per département)."""
