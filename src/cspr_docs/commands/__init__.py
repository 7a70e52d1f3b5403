"""Click commands, one module per job; ``cli.py`` registers them."""
