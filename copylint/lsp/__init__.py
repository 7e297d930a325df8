"""`copylint lsp`: a language server over stdio (the optional extra `copylint[lsp]`).

Only `command` (the click command) is imported by the CLI; it loads pygls when the server
starts, so `copylint check` never pays for it. The other modules, by job:

    positions    LSP lines and code units (UTF-8, UTF-16, UTF-32) <-> code points
    documents    the open documents and their incremental edits
    settings     client settings (initializationOptions, workspace/didChangeConfiguration)
    runs         the run for a document: nearest configuration, re-stat, vocabulary
    checking     one snapshot of a document checked on the lint thread -> an Outcome
    scheduler    linting off the message loop, changes folded together, stale results dropped
    diagnostics  findings -> LSP diagnostics
    directives   where a disable-next-line comment goes in each format
    actions      code actions (and where fixes plug in)
    hover        the rule's explanation on hover
    server       the pygls server: capabilities and handlers
"""
