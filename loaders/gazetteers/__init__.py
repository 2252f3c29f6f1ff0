"""General knowledge kept as data: administrative divisions, zones, enterprises, industries,
word lists and layout patterns. ``python -m loaders.gazetteers.build`` regenerates the
files derived from packages (see each file's ``_about``)."""
