"""Pages of the cards app (thin views over its services and selectors)."""
