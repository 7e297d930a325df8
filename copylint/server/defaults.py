"""The server's defaults (a module of constants only: the CLI imports it at start-up)."""

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8081
DEFAULT_MAX_BYTES = 1_000_000
#: seconds one check may take
DEFAULT_TIMEOUT = 10.0
#: threads that check requests in each worker process
DEFAULT_THREADS = 4
