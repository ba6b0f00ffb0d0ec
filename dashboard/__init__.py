"""The Streamlit dashboard of the NATO–Balkans Atlas: the only package that imports Streamlit."""
