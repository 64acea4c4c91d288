"""The dashboard's reports, one module each: its builder (a few grouped queries over the scope's
clients, never a loop over clients) and the `Table` it fills, with the drill-down filters of
every figure; `reports.registry` lists them."""
