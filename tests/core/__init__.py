"""The core: model, registry, sources, API, command, check, plugins and the shared util parsers."""
