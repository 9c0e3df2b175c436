"""Pure-Python core of Vigie (no Django import): analysis and matching of report contents."""
