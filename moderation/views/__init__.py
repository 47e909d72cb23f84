"""Pages of the backoffice, one module per area; each view is thin."""
