"""The HTTP/JSON API front end (FastAPI on uvicorn): a peer of the window over the same services."""
