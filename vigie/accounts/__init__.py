"""Police and gendarmerie agents, their cell and their role. No citizen accounts, ever."""
