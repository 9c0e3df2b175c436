"""Cells (one CROSS per département) and the units they dispatch to."""
