"""One reader per input format, each returning a cspr_docs.document.Document."""
