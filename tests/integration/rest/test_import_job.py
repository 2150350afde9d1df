"""importJob: a catalog file in the server's import folder, imported in the background."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from tests.integration.rest.harness import Tmf620, unique

RECORDS: list[dict[str, Any]] = [
    {"category": {"id": "imp-cat", "name": "Imported", "lifecycleStatus": "Active"}},
    {"specification": {"id": "imp-spec", "name": "Imported access", "lifecycleStatus": "Active"}},
    {
        "price": {
            "id": "imp-p1",
            "name": "Monthly",
            "kind": "PRICE_KIND_RECURRING",
            "amount": {"currencyCode": "EUR", "amount": "10.00"},
            "recurringPeriod": "month",
        }
    },
    {
        "offering": {
            "id": "imp-o1",
            "name": "Imported offering",
            "lifecycleStatus": "Active",
            "isSellable": True,
            "specificationId": "imp-spec",
            "priceIds": ["imp-p1"],
            "categoryIds": ["imp-cat"],
        }
    },
]


def write_catalog(folder: Path, records: list[dict[str, Any]]) -> str:
    name = f"{unique('catalog')}.jsonl"
    (folder / name).write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return name


def finished(api: Tmf620, job_id: str) -> dict[str, Any]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        job = api.retrieve("importJob", job_id).json()
        assert isinstance(job, dict)
        if job["status"] in ("Succeeded", "Failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"import job {job_id} did not finish")


def test_import_succeeds_and_the_catalog_serves_what_it_imported(
    api: Tmf620, import_folder: Path
) -> None:
    url = write_catalog(import_folder, RECORDS)
    created = api.create("importJob", {"@type": "ImportJob", "url": url})
    assert created.status_code == 201, created.text
    job = created.json()
    assert created.headers["Location"] == job["href"]
    assert job["@type"] == "ImportJob"
    assert job["url"] == url
    assert job["status"] in ("Not Started", "Running", "Succeeded")
    assert "creationDate" in job

    done = finished(api, job["id"])
    assert done["status"] == "Succeeded", done
    assert "completionDate" in done

    offering = api.retrieve("productOffering", "imp-o1").json()
    assert offering["productSpecification"]["id"] == "imp-spec"
    price = api.retrieve("productOfferingPrice", "imp-p1").json()
    assert price["price"] == {"unit": "EUR", "value": 10}
    assert price["priceType"] == "recurring"

    listed = api.list("importJob", "?status=Succeeded&limit=1000")
    assert job["id"] in [j["id"] for j in listed.json()]
    assert int(listed.headers["X-Total-Count"]) >= 1

    assert api.delete("importJob", job["id"]).status_code == 204
    assert api.retrieve("importJob", job["id"]).status_code == 404
    assert api.retrieve("productOffering", "imp-o1").status_code == 200  # imported data stays


def test_a_bad_file_fails_with_an_error_log_naming_the_line(
    api: Tmf620, import_folder: Path
) -> None:
    url = write_catalog(
        import_folder, [RECORDS[0], {"offering": {"id": "x", "specificationId": "missing"}}]
    )
    job = api.create(
        "importJob", {"@type": "ImportJob", "url": url, "contentType": "application/x-ndjson"}
    ).json()
    done = finished(api, job["id"])
    assert done["status"] == "Failed"
    assert "2" in done["errorLog"]
    failed = api.list("importJob", "?status=Failed")
    assert done["id"] in [j["id"] for j in failed.json()]


def test_server_managed_attributes_are_accepted_on_create(api: Tmf620, import_folder: Path) -> None:
    url = write_catalog(import_folder, RECORDS[:1])
    body = {"@type": "ImportJob", "url": url, "id": "mine", "status": "Succeeded", "errorLog": ""}
    created = api.create("importJob", body)
    assert created.status_code == 201, created.text
    assert created.json()["id"] != "mine"


def test_a_source_outside_the_import_folder_is_refused(api: Tmf620) -> None:
    response = api.create("importJob", {"@type": "ImportJob", "url": "file:///etc/passwd"})
    if response.status_code == 201:  # refused when the job runs rather than when it is created
        done = finished(api, response.json()["id"])
        assert done["status"] == "Failed"
    else:
        assert response.status_code == 422, response.text
        assert response.json()["code"] == "IMPORT_SOURCE_REFUSED"


def test_import_jobs_have_no_patch(api: Tmf620) -> None:
    response = api.patch("importJob", "x", {"@type": "ImportJob"})
    assert response.status_code == 405
    assert response.headers["Allow"] == "DELETE, GET"
