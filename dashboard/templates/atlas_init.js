{# Hands the map and its configuration to atlas.js (static/atlas.js); data only, through tojson. #}
{% macro script(this, kwargs) %}
window.atlas.init({{ this._parent.get_name() }}, {{ this.config|tojson }});
{% endmacro %}
