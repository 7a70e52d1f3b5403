"""cspr-docs: assemble, anonymise and check Child Safeguarding Practice Review documents."""

__version__ = "0.1.0"
