"""Built-in translation targets, one small package per hiring platform or format.

adapters/ is a source root like src/: each target sits in adapters/credbridge_adapters/<name>/
with its schema and golden example, and is registered in pyproject.toml under the
`credbridge.adapters` entry-point group, exactly as a third-party adapter would be.
"""
