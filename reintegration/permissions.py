"""Permission rules of the reintegration app, built from the shared predicates in nurture.permissions."""
