"""The `guidecrawl` command line: one module per command, dispatched by cli.main."""
