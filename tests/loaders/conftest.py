from __future__ import annotations

import pytest

from loaders.pipeline import ExtractionPipeline


@pytest.fixture(scope="session")
def pipeline() -> ExtractionPipeline:
    return ExtractionPipeline(max_bytes=2_000_000)
