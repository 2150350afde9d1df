"""How catalog resources appear in the events of the catalog's outbox (source catalog): each
event's resource is the very message CatalogService returns for that resource, its id the
entity's id, and its state the lifecycle status (an import job's: its state). The catalog
unit of work takes these descriptions (servers.app wires them into catalog_uow_factory)."""

from __future__ import annotations

from domain.catalog.model import CatalogEntity, ImportJob
from servers.catalog.mapping.catalogs import catalog_to, category_to
from servers.catalog.mapping.import_jobs import import_job_to
from servers.catalog.mapping.offerings import offering_to
from servers.catalog.mapping.prices import price_to
from servers.catalog.mapping.specifications import specification_to
from servers.persistence.outbox import Published
from servers.persistence.unit_of_work import CatalogPublications


def _entity_id(entity: CatalogEntity | ImportJob) -> str:
    return entity.id


def _lifecycle_status(entity: CatalogEntity) -> str:
    return entity.lifecycle_status


def _job_state(job: ImportJob) -> str:
    return job.state.value


CATALOG_PUBLICATIONS = CatalogPublications(
    catalogs=Published(catalog_to, _entity_id, _lifecycle_status),
    categories=Published(category_to, _entity_id, _lifecycle_status),
    specifications=Published(specification_to, _entity_id, _lifecycle_status),
    prices=Published(price_to, _entity_id, _lifecycle_status),
    offerings=Published(offering_to, _entity_id, _lifecycle_status),
    # A job's outcome is set only as it finishes: finishing is one state change event.
    import_jobs=Published(
        import_job_to,
        _entity_id,
        _job_state,
        state_fields=("error_log", "records_imported", "completion_time"),
    ),
)
