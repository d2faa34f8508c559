"""Pages of the powermap app (thin views over its services and selectors)."""
