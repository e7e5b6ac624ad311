"""Generated files in an S3-compatible store (django-storages), as when MEDIA_S3_BUCKET is set (moto stands in)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from core.files import write_atomically

moto = pytest.importorskip("moto")
S3 = {"BACKEND": "storages.backends.s3.S3Storage",
      "OPTIONS": {"bucket_name": "nurture-test-media", "location": "media", "default_acl": "private",
                  "file_overwrite": True, "region_name": "eu-west-2"}}


@pytest.fixture
def s3_media(settings, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    with moto.mock_aws():
        import boto3

        boto3.client("s3", region_name="eu-west-2").create_bucket(
            Bucket="nurture-test-media", CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
        settings.STORAGES = {**settings.STORAGES, "default": S3}
        yield boto3.client("s3", region_name="eu-west-2")


def test_a_file_written_goes_to_the_bucket_whole(s3_media):
    name = write_atomically("governor-reports/1/2-report.pdf", b"%PDF-1.7 first")
    write_atomically("governor-reports/1/2-report.pdf", b"%PDF-1.7 rebuilt")

    body = s3_media.get_object(Bucket="nurture-test-media", Key="media/governor-reports/1/2-report.pdf")["Body"]
    assert name == "governor-reports/1/2-report.pdf" and body.read() == b"%PDF-1.7 rebuilt"


@pytest.mark.django_db
def test_a_governors_report_built_into_the_bucket_downloads_through_the_app(client, school, senco, s3_media,
                                                                          django_capture_on_commit_callbacks):
    from core.terms import Term
    from reports.services import report_request
    from reports.tests.scenario import TERM, build_term

    build_term(school)
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = report_request(school=school, term=Term.parse(TERM), user=senco)
    report.refresh_from_db()
    client.force_login(senco)

    response = client.get(reverse("reports:report-download", args=[report.pk]))

    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    keys = [item["Key"] for item in s3_media.list_objects_v2(Bucket="nurture-test-media")["Contents"]]
    assert keys == [f"media/{report.file.name}"]
