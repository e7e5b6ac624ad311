"""Factories for trusts and their leaders."""

import factory

from core.models import Role, StaffRole, Trust, User


class TrustFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trust

    name = factory.Sequence(lambda n: f"Riverside Learning Trust {n}")
    slug = factory.Sequence(lambda n: f"riverside-{n}")


def trust_leader(trust: Trust, username: str = "trustlead") -> User:
    """Return a new trust leader of the trust."""
    user = User.objects.create_user(username=username, password="correct-horse-battery", trust=trust,
                                    first_name="Morgan", last_name="Leader", email=f"{username}@trust.example")
    StaffRole.objects.create(user=user, role=Role.TRUST_LEADER)
    return user


_PDF: dict[str, bytes] = {}


def ready_trust_report(trust: Trust, term: str = "2026-autumn"):
    """Return a ready trust report; the PDF is built once per test run and copied (WeasyPrint is slow)."""
    from core.files import write_atomically
    from reports.models import ReportStatus
    from trusts.models import TrustReport
    from trusts.services import trust_report_build

    report = TrustReport.objects.create(trust=trust, term=term)
    if "pdf" not in _PDF:
        built = trust_report_build(report_id=report.pk)
        with built.file.open("rb") as pdf:
            _PDF["pdf"] = pdf.read()
        return built
    report.file.name = write_atomically(f"trust-reports/{trust.pk}/{report.pk}-test.pdf", _PDF["pdf"])
    report.status, report.progress, report.size_bytes = ReportStatus.READY, 100, len(_PDF["pdf"])
    report.save()
    return report
