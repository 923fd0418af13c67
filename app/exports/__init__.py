"""Exports of the graph to other tools' formats, streamed page by page where the format allows."""
