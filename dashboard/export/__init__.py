"""The map of a year as a picture (PNG, SVG) drawn on the server: for the page's download button and the command line.

``picture.py`` loads matplotlib, so import it only where a picture is drawn; ``texts.py`` is light.
"""
