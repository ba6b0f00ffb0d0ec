"""Build-only code: rebuild ``data/region.geojson`` from the world-atlas tarball (the app never imports it)."""
