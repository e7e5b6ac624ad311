"""Permission rules of the assessments app, built from the shared predicates in nurture.permissions."""
