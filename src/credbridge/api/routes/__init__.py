"""The HTTP endpoints, one module per resource; app.py includes them under /v1 with authorization."""
