"""The map of a year as a picture (PNG, SVG) drawn on the server: for the page's download button and the command line."""

from dashboard.export.picture import Picture, build_picture, render_picture
from dashboard.export.texts import picture_filename, view_url

__all__ = ["Picture", "build_picture", "picture_filename", "render_picture", "view_url"]
