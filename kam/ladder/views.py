"""Pages of the ladder app (thin views over its services and selectors)."""
