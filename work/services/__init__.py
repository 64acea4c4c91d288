"""The writes of the work app, one module per concept: `employers`, `jobs` (record, end,
correct), `renewals` and `provisions`. Import from the concept's module; this package
re-exports nothing."""
