"""Pages of the compliance app (thin views over its services and selectors)."""
