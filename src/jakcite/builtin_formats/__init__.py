"""jakcite's own formats: one package per format, each registered through the
``jakcite.formats`` entry-point group exactly as a third-party plugin is."""
