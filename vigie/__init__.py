"""Vigie: citizen reports of drug trafficking and the CROSS back office."""
