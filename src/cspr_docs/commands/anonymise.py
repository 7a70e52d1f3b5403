"""``scan`` and ``redact`` (anonymisation, SPEC §3). Heavy imports stay inside the commands."""

from __future__ import annotations

import click

from .common import emit, existing_file, password_option, report_options
from .config import config_option, load_effective

_MODEL_HELP = ("spaCy model to use (an installed package name, e.g. en_core_web_lg); "
               "default: $CSPR_DOCS_SPACY_MODEL or the bundled en_core_web_sm.")


def _common(func):
    func = config_option(func)
    func = password_option(func)
    func = click.option("--model", metavar="NAME", help=_MODEL_HELP)(func)
    func = click.option("--allow", "allow", multiple=True, type=click.Path(dir_okay=False),
                        help="Extra allow-list YAML (terms/patterns never flagged); repeatable.")(func)
    func = click.option("--min-score", type=click.FloatRange(0.0, 1.0), default=None,
                        help="Act on detections scoring at least this (default 0.4).")(func)
    func = click.option("--case", "case_file", type=click.Path(dir_okay=False),
                        help="Case file: its public names (partnership, reviewer, agencies) are allowed.")(func)
    return func


def _progress(message: str) -> None:
    """A note on a terminal while the language model loads and runs (never into reports)."""
    import sys

    if sys.stderr.isatty():
        click.echo(message, err=True)


def _from_config(config_file, case_file, register):
    """The register (``--register``, else the configuration's) and the partnership's public
    details and allow-words, read from cspr-docs.yaml once per command."""
    cfg = load_effective(config_file, case_file)
    if not register and cfg.register:
        register = str(cfg.register)
    return register, {"allow_terms": tuple(cfg.allow_words), "partnership": dict(cfg.partnership) or None}


def _inputs(register, case_file, allow, model, public=None):
    from ..anonymise import Settings, load_register

    reg = load_register(existing_file(register)) if register else None
    case = None
    if case_file:
        from ..casefile import load_case

        case = load_case(existing_file(case_file))
    for a in allow:
        existing_file(a)
    extra = dict(public or {})
    settings = Settings(allow=tuple(allow), **extra) if not model else \
        Settings(model=model, allow=tuple(allow), **extra)
    return reg, case, settings


def scan_path(path, *, register=None, case_file=None, allow=(), model=None, min_score=None,
              password=None, keep_document=False, public=None):
    """Scan one file: its report and (if asked) a portable copy of the document.

    A top-level function so a batch can run it in another process.
    """
    from ..anonymise import DEFAULT_MIN_SCORE, scan_document
    from ..batch import portable
    from ..document import read_document
    from ..report import Report

    reg, case, settings = _inputs(register, case_file, allow, model, public)
    document = read_document(existing_file(path), password)
    from .. import progress

    progress.start(f"scanning {document.path.name} ({len(document.blocks)} blocks)")
    try:
        findings = scan_document(document, reg, case=case, settings=settings, credits=True,
                                 min_score=DEFAULT_MIN_SCORE if min_score is None else min_score)
    finally:
        progress.done()
    report = Report(document=str(path), findings=findings, doc_type=None, families=["anonymisation"])
    return report, portable(document) if keep_document else None


@click.command()
@click.argument("docs", nargs=-1, required=True, type=click.Path())
@click.option("--register", type=click.Path(dir_okay=False),
              help="Case register (register.yaml): every entry found is an ANO001 error "
                   "(default: the register named in cspr-docs.yaml).")
@click.option("--jobs", type=click.IntRange(1, 64), help="Documents scanned at once (default: CPU cores).")
@_common
@report_options
def scan(docs, register, jobs, case_file, min_score, allow, model, password, fmt, output, config_file):
    """Find identifying details in DOCS (.docx, .pdf, .txt, .md files or folders of them):
    rules ANO001, ANO002.

    Exit 1 when any case register entry (ANO001) is found, 0 otherwise, 2 when a document or
    an option file cannot be used (the other documents are still scanned). Runs entirely offline.
    """
    import sys
    from functools import partial

    from ..batch import expand_inputs, run_batch
    from ..report import Report

    register, public = _from_config(config_file, case_file, register)
    _inputs(register, case_file, allow, model, public)  # refuse bad option files before any document
    paths = expand_inputs(list(docs))
    _progress(f"scanning {len(paths)} document(s) ...")
    job = partial(scan_path, register=register, case_file=case_file, allow=tuple(allow), model=model,
                  min_score=min_score, password=password, keep_document=fmt == "html", public=public)
    reports, documents = [], {}
    for outcome in run_batch(job, paths, jobs=jobs, progress=sys.stderr.isatty() and len(paths) > 1):
        if outcome.error:
            reports.append(Report(document=str(outcome.path), findings=[], error=outcome.error))
            continue
        report, document = outcome.result
        reports.append(report)
        if document is not None:
            documents[report.document] = document
    inputs = tuple(str(p) for p in paths) + tuple(p for p in (register, case_file) if p)
    return emit(reports, fmt, output, inputs=inputs, documents=documents)


@click.command()
@click.argument("doc", type=click.Path(dir_okay=False))
@click.option("--register", type=click.Path(dir_okay=False),
              help="Case register (register.yaml): entries become their pseudonyms "
                   "(default: the register named in cspr-docs.yaml).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="The pseudonymised copy (.docx, .txt or .md; a .pdf becomes .txt or .docx).")
@click.option("--mapping", type=click.Path(dir_okay=False),
              help="Write the real-to-replacement mapping here (JSON; keep it as secure as the register).")
@click.option("--force", is_flag=True, help="Overwrite OUTPUT / MAPPING if they exist.")
@_common
def redact(doc, register, output, mapping, force, case_file, min_score, allow, model, password,
           config_file):
    """Write a pseudonymised copy of DOC to OUTPUT; DOC itself is never changed.

    Register entries become their pseudonyms; other people become Person 1, Person 2 ...
    (the same person always the same); addresses, postcodes, numbers and handles become
    [address], [postcode] ... The mapping goes only to --mapping, never into OUTPUT.

    Before OUTPUT is written, the copy is searched byte by byte (every part, part names, embedded
    packages, image metadata) for every register entry in any case and spelling (Kelly_Walsh,
    KellyWalsh, Kelly%20Walsh ...); what is found is rewritten or removed, and if anything still
    remains nothing is written and the exit code is 1, listing the places (never the text).
    """
    from ..anonymise import DEFAULT_MIN_SCORE
    from ..anonymise.redact import redact_to_file
    from ..document import read_document

    register, public = _from_config(config_file, case_file, register)
    reg, case, settings = _inputs(register, case_file, allow, model, public)
    if reg is None:
        raise click.UsageError("redact needs the case register: give --register REGISTER.yaml or name "
                               "it as register: in cspr-docs.yaml")
    document = read_document(existing_file(doc), password)
    _progress(f"redacting {doc} ...")
    result = redact_to_file(document, reg, output, mapping=mapping, force=force, case=case,
                            settings=settings,
                            min_score=DEFAULT_MIN_SCORE if min_score is None else min_score,
                            inputs=(doc, register, *(p for p in (case_file,) if p)))
    if result.places:
        # part names only, never the matched text
        shown = result.places[:20]
        more = f"; and {len(result.places) - 20} more" if len(result.places) > 20 else ""
        click.echo(f"cspr-docs: error: {output}: not written: a case register entry is still in "
                   f"{len(result.places)} place(s) of the copy that could not be cleaned: "
                   + "; ".join(shown) + more, err=True)
        return 1
    hidden = sum(m["count"] for m in result.mapping if m.get("source") == "hidden")
    outside = f"; {hidden} outside it (part names, links, metadata)" if hidden else ""
    click.echo(f"wrote {output} ({result.count} replacement(s) in the text{outside})")
    if mapping:
        click.echo(f"wrote {mapping} (the mapping: keep it as secure as the register)")
    return 0


COMMANDS: list = [scan, redact]
