"""examples/analysis.ipynb runs unattended (own embedded engine, sample corpus) so it can never rot."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "examples" / "analysis.ipynb"


@pytest.mark.slow
def test_analysis_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    figure = tmp_path / "funding_network.png"
    monkeypatch.delenv("NEXUS_URL", raising=False)
    monkeypatch.setenv("NEXUS_FIGURE", str(figure))  # leave the committed docs/funding_network.png alone
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(ROOT)}}).execute()
    text = "\n".join(out.get("text", "") for cell in nb.cells if cell.cell_type == "code"
                     for out in cell.get("outputs", []))
    assert "MultiDiGraph with" in text
    assert "-> UNODC Sahel Programme" in text  # Mali funding
    assert "brokers among" in text and "communities, modularity" in text
    assert figure.stat().st_size > 10_000 and figure.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
