"""SQLAlchemy 2 (async) persistence: engine and migrations, row classes, row<->domain mapping,
repositories and units of work. Rows never leave this package; callers see domain objects."""
