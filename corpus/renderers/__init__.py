"""Third-party renderers, one module per family; each exposes ``RENDERERS``."""
