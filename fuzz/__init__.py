"""Fuzzing harnesses for credbridge's input paths (issue 13): `make fuzz`, see fuzz/run.py."""
