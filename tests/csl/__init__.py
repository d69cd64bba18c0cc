"""The CSL engine and the bibliography format: styles, compiled rendering, agreement with citeproc-js."""
