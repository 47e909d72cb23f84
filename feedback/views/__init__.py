"""The feedback pages, one module per area."""
