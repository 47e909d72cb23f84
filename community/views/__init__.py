"""Pages of the forum, one module per topic."""
