"""IATI activity files (activity standard 2.0x) into the same ``Extraction`` contract as the text pipeline.

``reader`` parses the bytes with a hardened parser and checks the root and the schema; ``names`` turns
IATI organisations, countries and regions into the graph's canonical entities; ``records`` builds the
data evidence (file, activity, XPath, value); ``mapping`` walks each activity through the table in
graph_schema/iati_mapping.yaml. The writer, retraction and exports see an ordinary Extraction.
"""

from loaders.iati.mapping import IatiLoad, read_iati
from loaders.iati.reader import DEFAULT_MAX_BYTES, is_iati, looks_like_xml

__all__ = ["DEFAULT_MAX_BYTES", "IatiLoad", "is_iati", "looks_like_xml", "read_iati"]
