"""The page's CSS for the panels: one place for the atlas's typography and spacing."""

PAGE_CSS = """
<style>
  .block-container { padding-top: 1.6rem; padding-bottom: 2rem; max-width: 1500px; }
  h1 { font-size: 2rem !important; margin-bottom: 0 !important; }
  .atlas-panel { font-size: 0.92rem; line-height: 1.45; }
  .atlas-panel h3 { margin: 0.2rem 0 0.3rem 0; font-size: 1.35rem; }
  .atlas-panel h4 { margin: 0.9rem 0 0.3rem 0; font-size: 1rem; color: #1d3f8f; }
  .atlas-badge { display: inline-block; padding: 1px 9px; border-radius: 10px; font-weight: 600; font-size: 0.85rem;
                 border: 1px solid rgba(0,0,0,0.15); }
  .atlas-status { margin: 0.2rem 0 0.5rem 0; }
  .atlas-absent { background: #fff6e0; border-left: 4px solid #c99a2e; padding: 6px 10px; border-radius: 4px; }
  .atlas-timeline { padding-left: 1.1rem; margin: 0; }
  .atlas-timeline li { margin: 0 0 0.35rem 0; }
  .atlas-timeline li.atlas-future { color: #8a8a8a; }
  .atlas-later { display: inline-block; font-size: 0.7rem; text-transform: uppercase; letter-spacing: 0.04em;
                 background: #e8e8e8; color: #555; border-radius: 3px; padding: 0 4px; }
  .atlas-date { font-variant-numeric: tabular-nums; color: #444; white-space: nowrap; }
  .atlas-future .atlas-date { color: #999; }
  .atlas-kindname { color: #666; font-size: 0.82rem; }
  .atlas-detail, .atlas-note { font-size: 0.84rem; color: #555; }
  .atlas-note { font-style: italic; }
  .atlas-sites, .atlas-events, .atlas-sources, .atlas-legend-list { padding-left: 1.1rem; margin: 0; }
  .atlas-sites { list-style: none; padding-left: 0; }
  .atlas-sites svg { width: 13px; height: 13px; vertical-align: -2px; }
  .atlas-legend-list { list-style: none; padding-left: 0; }
  .atlas-legend-list li { margin-bottom: 0.3rem; }
  .atlas-legend-list svg { width: 14px; height: 14px; vertical-align: -2px; }
  .atlas-swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; margin-right: 6px;
                  vertical-align: -2px; border: 1px solid rgba(0,0,0,0.2); }
  .atlas-sources li { font-size: 0.84rem; margin-bottom: 0.15rem; }
  @media (max-width: 640px) { h1 { font-size: 1.5rem !important; } .atlas-panel { font-size: 0.88rem; } }
</style>
"""
