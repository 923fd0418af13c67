"""Small extractions built in code, with answers known by hand."""

from __future__ import annotations

from typing import Any

from graph_schema.contract import Extraction, sha256_text


def extraction(doc_id: str, entities: list[tuple[str, str, list[str]]], relations: list[tuple[Any, ...]],
               text: str | None = None) -> Extraction:
    """entities: (name, type, aliases); relations: (type, source, target, quote[, role])."""
    body = text or " ".join(r[3] for r in relations) or doc_id
    rels = []
    for rel in relations:
        rtype, source, target, quote = rel[:4]
        start = body.find(quote)
        item: dict[str, Any] = {
            "type": rtype, "source": source, "target": target,
            "evidence": [{"document_id": doc_id, "quote": quote, "start": start if start >= 0 else None,
                          "end": start + len(quote) if start >= 0 else None, "rule": "test", "confidence": 0.9}],
        }
        if len(rel) > 4:
            item["role"] = rel[4]
        rels.append(item)
    return Extraction.model_validate({
        "document": {"id": doc_id, "title": f"Title of {doc_id}", "content_hash": sha256_text(body),
                     "language": "en", "date": "2024-02-20"},
        "entities": [{"name": n, "type": t, "aliases": a} for n, t, a in entities],
        "relations": rels,
    })


def nexus_doc(doc_id: str = "doc-a") -> Extraction:
    """A document whose every canned query has a known answer."""
    return extraction(
        doc_id,
        [
            ("UNODC", "Organization", ["United Nations Office on Drugs and Crime"]),
            ("UNICRI", "Organization", []),
            ("Government of Japan", "Organization", ["Japan"]),
            ("Gao Dialogue", "Project", ["dialogue in Gao"]),
            ("Mali", "Region", []),
            ("Gao", "Region", []),
            ("drug trafficking", "Threat", ["trafficking of drugs"]),
            ("terrorism", "Threat", []),
            ("Amina Traoré", "Person", []),
        ],
        [
            ("FUNDS", "Government of Japan", "Gao Dialogue", "The dialogue was funded by Japan."),
            ("IMPLEMENTS", "UNODC", "Gao Dialogue", "UNODC organized the dialogue in Gao."),
            ("PARTNERS_WITH", "UNODC", "UNICRI", "in partnership with UNICRI"),
            ("TARGETS", "Gao Dialogue", "drug trafficking", "a dialogue against drug trafficking"),
            ("TARGETS", "Gao Dialogue", "terrorism", "and terrorism"),
            ("TARGETS", "Gao Dialogue", "Gao", "the dialogue in Gao"),
            ("LOCATED_IN", "Gao", "Mali", "Gao, Mali"),
            ("LINKED_TO", "drug trafficking", "terrorism", "trafficking finances terrorism"),
            ("AFFILIATED_WITH", "Amina Traoré", "UNODC", "Amina Traoré, Programme Officer at UNODC",
             "Programme Officer"),
        ],
    )
