"""Permission rules of the targets app, built from the shared predicates in nurture.permissions."""
