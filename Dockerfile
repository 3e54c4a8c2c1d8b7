# syntax=docker/dockerfile:1
# diplograph API image: `docker compose up` runs it next to a Neo4j 5.26 Community server.

# -- browser libraries for the actor-network page (cytoscape, from npm) --------------------
FROM node:20-slim AS web
WORKDIR /web
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund --loglevel=error

# -- the Python service ---------------------------------------------------------------------
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /app

COPY pyproject.toml README.md constraints.txt ./
COPY graph ./graph
COPY loaders ./loaders
COPY api ./api
RUN pip install -c constraints.txt '.[dask]'   # Dask for the compose profile 'dask' (scheduler, workers, ingest client)

COPY seeds ./seeds
COPY --from=web /web/node_modules ./node_modules
# The API serves the browser libraries from <directory holding the `api` package>/node_modules;
# with a regular (non-editable) install that is site-packages, so point it at /app/node_modules.
RUN ln -s /app/node_modules \
      "$(python -I -c 'import api, pathlib; print(pathlib.Path(api.__file__).resolve().parent.parent)')/node_modules"

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin diplograph \
    && mkdir -p /app/data \
    && chown diplograph:diplograph /app/data
USER diplograph

ENV DIPLOGRAPH_HOST=0.0.0.0 \
    DIPLOGRAPH_PORT=8000
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=5 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health', timeout=4)"]
CMD ["diplograph", "serve", "--host", "0.0.0.0"]
