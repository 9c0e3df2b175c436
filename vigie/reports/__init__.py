"""The Report aggregate: intake, receipts, qualification by the cell, status for the citizen."""
