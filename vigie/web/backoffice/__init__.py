"""Cell back office: agents only, every view scoped to the agent's département."""
