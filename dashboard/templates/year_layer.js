{# The year layer: which year the map shows, and the selection; atlas.js restyles the map in place. #}
{% macro script(this, kwargs) %}
window.atlas.setYear({{ this.year|tojson }}, {{ this.view|tojson }});
{% endmacro %}
