"""Measurement commands (`python -m benchmarks.NAME`): not part of the pipeline package."""
