"""`copylint serve`: a web page for editors, a JSON API for publishing systems, and an endpoint
that speaks LanguageTool's HTTP API, on Starlette and uvicorn (the optional `serve` extra).

    copylint serve                       # http://127.0.0.1:8081/
    copylint serve --token "$TOKEN" --host 0.0.0.0 --workers 2

Importing this package imports neither Starlette nor uvicorn: `copylint.server.command` is
registered with the CLI, and only running the command loads the web stack.
"""
