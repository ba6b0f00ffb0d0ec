"""Boundaries of the Balkans for any moment since 1990, from one small committed file.

Plain GeoPandas and Shapely: no Streamlit, no Folium, no facts, nothing downloaded at run time.

- :func:`units_for` — the units alive at a moment, with their land and label points, given which
  units are alive and who owned whose land (both from ``facts``, passed in);
- :func:`context_countries` — the grey neighbours;
- :data:`DEFAULT_BOUNDS` — the view that frames the region, ``((south, west), (north, east))``.

``geodata.build`` rebuilds the committed file from its source; the app never imports it.
"""

from geodata.region import DEFAULT_BOUNDS, context_countries
from geodata.units import units_for

__all__ = ["DEFAULT_BOUNDS", "context_countries", "units_for"]
