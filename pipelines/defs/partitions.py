"""One dynamic partition per file in the seeds folder (its path relative to the folder)."""

import dagster as dg

seed_files = dg.DynamicPartitionsDefinition(name="seed_files")
