"""Extraction pipeline: documents -> entities and relations with evidence (offline, deterministic)."""

__version__ = "0.1.0"
PIPELINE_VERSION = f"loaders-{__version__}"
