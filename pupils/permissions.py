"""Permission rules of the pupils app live in nurture.permissions (the foundation every app uses)."""
