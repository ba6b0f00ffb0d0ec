"""Boundaries of the Balkans for any date since 1990, from one small committed file.

Plain GeoPandas and Shapely: no Streamlit, no Folium, nothing downloaded at run time.

- :func:`units_on` — the units of ``facts/`` alive on a day, with their land and label points;
- :func:`units_geojson` — the same as compact GeoJSON for the map;
- :func:`context_countries` — the grey neighbours;
- :data:`DEFAULT_BOUNDS` — the view that frames the region, ``((south, west), (north, east))``.
"""

from geodata.region import DEFAULT_BOUNDS, context_countries
from geodata.units import units_for, units_geojson, units_on

__all__ = ["DEFAULT_BOUNDS", "context_countries", "units_for", "units_geojson", "units_on"]
