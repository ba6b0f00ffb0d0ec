# NATO–Balkans Atlas: the Streamlit app, ready to run on a read-only filesystem.
#
#   podman build --format docker -t nato-balkans-atlas .    (or: docker build -t nato-balkans-atlas .)
#   podman run --rm --read-only -p 8501:8501 nato-balkans-atlas
#
# Any image with python3 and its venv module will do as the base; the tests use a debootstrapped
# Debian bookworm imported as a local image. `--format docker` keeps the HEALTHCHECK (OCI drops it).
ARG BASE_IMAGE=python:3.12-slim
FROM ${BASE_IMAGE}

# Only for offline builds, e.g. --build-arg PIP_NO_INDEX=1 --build-arg PIP_FIND_LINKS=/wheels with
# a directory of wheels mounted at /wheels. Empty, pip ignores them and uses its usual index.
ARG PIP_NO_INDEX=
ARG PIP_FIND_LINKS=

# HOME need not exist: Streamlit only looks there for an optional ~/.streamlit/config.toml.
ENV VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    HOME=/home/atlas \
    PYTHONPATH=/app \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app

# Dependencies first: this layer is rebuilt only when requirements.txt changes.
COPY requirements.txt ./
RUN python3 -m venv /opt/venv \
    && pip install --no-cache-dir -r requirements.txt

COPY .streamlit/ .streamlit/
COPY facts/ facts/
COPY geodata/ geodata/
COPY dashboard/ dashboard/

# Leaflet, jQuery, the boundary shapes and the year table are written now, so the app never writes
# at run time; compiling the bytecode here spares every start the work (the filesystem is
# read-only then). PYTHONPATH=/app stands in for `pip install -e .`, which a checkout uses.
RUN python -m dashboard.static_files \
    && python -m compileall -q facts geodata dashboard \
    && groupadd --system --gid 10001 atlas \
    && useradd --uid 10001 --gid 10001 --home-dir /home/atlas --no-create-home --shell /usr/sbin/nologin atlas

USER 10001:10001

EXPOSE 8501

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/opt/venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

ENTRYPOINT ["/opt/venv/bin/streamlit", "run", "dashboard/app.py", \
    "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true", \
    "--browser.gatherUsageStats=false", "--server.fileWatcherType=none"]
