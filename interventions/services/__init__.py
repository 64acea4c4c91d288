"""The writes of the interventions app, one module per concept: `conversations`,
`exemptions`, `work_plans`, `letters`, `catalogues` and `trajectories`. Import from the
concept's module; this package re-exports nothing."""
