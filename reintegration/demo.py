"""Demo history for the reintegration app, added to the synthetic demo school by seed_demo."""

from pupils.models import School


def seed(school: School) -> None:
    """Add this app's demo records to the school, once (running it twice changes nothing)."""
