"""The administration (issue 12): départements and cells, units, agents and their second
factor, retention, and the audit-log viewer. Administrators only, except the audit log, which
a cell head reads for their cell."""
