"""The parts of the page that do not change with the year: texts, timeline chart, legend, data.

Drawn once per page load, outside the year's fragment, so moving the slider never rebuilds or
resends them.
"""

from __future__ import annotations

import re

import streamlit as st

from dashboard import panels
from dashboard.timeline_chart import timeline_spec
from facts import Facts
from facts.export import events_csv, milestones_csv, sites_csv, statuses_csv
from facts.fact_links import link_facts

TEXT_PANELS = (
    ("political", "The political dimension"),
    ("operational", "The operational dimension"),
    ("romania", "Romania's role"),
)
DOWNLOADS = (
    ("Milestones", "nato-balkans-milestones.csv", milestones_csv),
    ("Statuses per country and year", "nato-balkans-statuses.csv", statuses_csv),
    ("NATO sites and operations", "nato-balkans-sites.csv", sites_csv),
    ("Events", "nato-balkans-events.csv", events_csv),
)


def demote_headings(markdown: str, levels: int = 1) -> str:
    """Move a text's headings below the section's own heading (``###`` becomes ``####``)."""
    return re.sub(r"^(#{1,6}) ", lambda m: "#" * min(len(m.group(1)) + levels, 6) + " ", markdown, flags=re.MULTILINE)


@st.cache_data(show_spinner=False)
def _timeline(_facts: Facts, data_key: int) -> dict:
    """The chart's spec, validated by Altair once per data set (``data_key``: the facts' id)."""
    return timeline_spec(_facts)


def reference_sections(facts: Facts, legend_html: str) -> None:
    """Timeline chart, explanatory texts with their sources, the long legend, the data downloads."""
    st.subheader("Every country's status, 1990 to today")
    st.vega_lite_chart(_timeline(facts, id(facts)), width="stretch")
    st.subheader("NATO in the Balkans")
    with st.container(key="texts"):
        tabs = st.tabs([*(title for _, title in TEXT_PANELS), "What the colours mean", "Data"])
        for tab, (text_id, _) in zip(tabs, TEXT_PANELS, strict=False):
            with tab:
                text = facts.text(text_id)
                st.markdown(demote_headings(link_facts(facts, text.body)))
                with st.expander(f"Sources of this text ({len(text.sources)})"):
                    st.markdown(panels.sources_list_html(text.sources), unsafe_allow_html=True)
        with tabs[3]:
            st.markdown(legend_html, unsafe_allow_html=True)
        with tabs[4]:
            st.write("The data behind the atlas, as CSV. Every row carries all its sources.")
            for label, file_name, builder in DOWNLOADS:
                st.download_button(
                    f"{label} (CSV)",
                    data=lambda builder=builder: builder(facts),
                    file_name=file_name,
                    mime="text/csv",
                    on_click="ignore",
                )
