"""Output formats: separate renderers of the same findings list (SPEC §6)."""

from __future__ import annotations

import json
import re
from xml.etree import ElementTree as ET

from . import __version__
from .findings import IDENTIFYING_NOTE, Report, Severity, rule_catalogue, summarise  # noqa: F401

FORMATS = ("text", "json", "sarif", "junit", "html")


def render_text(reports: list[Report], colour: bool = False) -> str:
    """``path:location: SEVERITY RULE message`` lines, then a summary line."""
    import click

    colours = {"error": "red", "warning": "yellow", "info": "cyan"}
    lines = []
    for rep in reports:
        if rep.error:
            lines.append(f"{rep.document}: {'ERROR' if not colour else click.style('ERROR', fg='red', bold=True)}"
                         f" not checked: {rep.error}")
        for f in rep.findings:
            sev = f.severity.value.upper()
            if colour:
                sev = click.style(sev, fg=colours[f.severity.value], bold=True)
            where = getattr(f, "where", None)
            line = f"{rep.document}: {where}: {sev} {f.rule} {f.message}" if where else \
                f"{rep.document}:{f.location.describe()}: {sev} {f.rule} {f.message}"
            if f.source:
                line += f" [source: {f.source}]"
            lines.append(line)
    counts = summarise(f for r in reports for f in r.findings)
    what = f"{len(reports)} documents" if len(reports) > 1 else (reports[0].document if reports else "nothing")
    unread = sum(1 for r in reports if r.error)
    lines.append(f"{what}: {counts['error']} error(s), {counts['warning']} warning(s), "
                 f"{counts['info']} info" + (f"; {unread} could not be read" if unread else ""))
    return "\n".join(lines) + "\n"


def _json_one(rep: Report) -> dict:
    if rep.error:
        return {"tool": "cspr-docs", "version": __version__, "document": rep.document,
                "type": rep.doc_type, "error": rep.error}
    return {"tool": "cspr-docs", "version": __version__, "document": rep.document,
            "type": rep.doc_type, **({"case_file": rep.case_file} if rep.case_file else {}),
            "note": IDENTIFYING_NOTE,
            "findings": [f.to_dict() for f in rep.findings],
            "summary": summarise(rep.findings)}


def render_json(reports: list[Report]) -> str:
    """One JSON object per SPEC §6 (a list of them for several documents)."""
    data = _json_one(reports[0]) if len(reports) == 1 else [_json_one(r) for r in reports]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _uri(path: str) -> str:
    """A relative URI reference for a file path (spaces and backslashes made safe)."""
    from pathlib import PureWindowsPath
    from urllib.parse import quote

    return quote(PureWindowsPath(path).as_posix() if "\\" in path else path)


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(reports: list[Report]) -> str:
    """SARIF 2.1.0: one run, every rule used listed with its help text."""
    catalogue = rule_catalogue()
    used = sorted({f.rule for r in reports for f in r.findings})
    index = {rule: i for i, rule in enumerate(used)}
    results = []
    for rep in reports:
        for f in rep.findings:
            loc = f.location
            region = {}
            if loc.line is not None:
                region["startLine"] = loc.line
            if loc.start is not None and loc.paragraph is None and loc.page is None and loc.part == "body":
                region["charOffset"] = loc.start
                region["charLength"] = (loc.end or loc.start) - loc.start
            physical = {"artifactLocation": {"uri": _uri(rep.file_of(f))}}
            if region:
                physical["region"] = region
            result = {"ruleId": f.rule, "ruleIndex": index[f.rule], "level": _SARIF_LEVEL[f.severity],
                      "message": {"text": f.message},
                      "locations": [{"physicalLocation": physical,
                                     "logicalLocations": [{"name": loc.describe(), "kind": "element"}]}],
                      "properties": {k: v for k, v in {"location": loc.to_dict(), "text": f.text,
                                                       "entity": f.entity, "score": f.score,
                                                       "source": f.source}.items() if v is not None}}
            results.append(result)
    rules = [{"id": rule, "name": rule,
              "shortDescription": {"text": catalogue[rule]["summary"]},
              "help": {"text": catalogue[rule].get("help", catalogue[rule]["summary"])},
              "defaultConfiguration": {"level": _SARIF_LEVEL[Severity(catalogue[rule]["severity"])]},
              "properties": {"family": catalogue[rule]["family"], "duty": catalogue[rule].get("duty"),
                             "source": catalogue[rule].get("source")}} for rule in used]
    unread = [{"level": "error", "message": {"text": rep.error},
               "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(rep.document)}}}]}
              for rep in reports if rep.error]
    sarif = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
             "runs": [{"tool": {"driver": {"name": "cspr-docs", "version": __version__,
                                           "rules": rules}},
                       "invocations": [{"executionSuccessful": not unread,
                                        "toolExecutionNotifications": unread}],
                       "results": results,
                       "properties": {"note": IDENTIFYING_NOTE}}]}
    return json.dumps(sarif, indent=2, ensure_ascii=False) + "\n"


def render_junit(reports: list[Report]) -> str:
    """JUnit XML: a test case per checklist item and per rule family; errors fail them."""
    suites = ET.Element("testsuites", name="cspr-docs")
    for rep in reports:
        suite = ET.SubElement(suites, "testsuite", name=rep.document)
        if rep.error:
            case = ET.SubElement(suite, "testcase", classname="read", name="read the document")
            ET.SubElement(case, "error", message=rep.error)
            suite.set("tests", "1")
            suite.set("errors", "1")
            continue
        cases = 0
        failures = 0
        checklist_rules = {"SEC001", "SEC002"}
        for item_id, title, status, source in rep.checklist:
            cases += 1
            case = ET.SubElement(suite, "testcase", classname=f"checklist.{rep.doc_type}",
                                 name=f"{item_id}: {title}")
            # every finding filed against the item, including a rule the item delegates to
            item_findings = [f for f in rep.findings
                             if f.location.field == item_id and f.location.part != "case-file"]
            errors = [f for f in item_findings if f.severity is Severity.ERROR]
            if errors:
                failures += 1
                ET.SubElement(case, "failure", message=errors[0].message, type=errors[0].rule).text = \
                    "\n".join(f.message for f in errors) + (f"\nsource: {source}" if source else "")
            elif item_findings:
                ET.SubElement(case, "system-out").text = "\n".join(f.message for f in item_findings)
        catalogue = rule_catalogue()
        families = list(dict.fromkeys(rep.families + [catalogue[f.rule]["family"] for f in rep.findings
                                                      if f.rule not in checklist_rules]))
        for family in families:
            cases += 1
            case = ET.SubElement(suite, "testcase", classname="rules", name=family)
            fam = [f for f in rep.findings if f.rule not in checklist_rules
                   and catalogue[f.rule]["family"] == family]
            errors = [f for f in fam if f.severity is Severity.ERROR]
            if errors:
                failures += 1
                ET.SubElement(case, "failure", message=f"{len(errors)} error(s)", type=errors[0].rule).text = \
                    "\n".join(f"{f.rule} {f.location.describe()}: {f.message}" for f in errors)
            if fam and not errors:
                ET.SubElement(case, "system-out").text = "\n".join(
                    f"{f.rule} {f.location.describe()}: {f.message}" for f in fam)
        suite.set("tests", str(cases))
        suite.set("failures", str(failures))
    for element in suites.iter():  # document text may hold characters XML 1.0 forbids
        element.text = _xml_safe(element.text)
        element.tail = _xml_safe(element.tail)
        for key, value in element.attrib.items():
            element.set(key, _xml_safe(value))
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"


_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str | None) -> str | None:
    """``text`` with the characters XML 1.0 cannot hold (control characters, lone
    surrogates, U+FFFE/U+FFFF) replaced by U+FFFD."""
    return _XML_FORBIDDEN.sub("\ufffd", text) if text else text


def render(reports: list[Report], fmt: str, colour: bool = False, *,
           documents: dict | None = None, deadline=None) -> str:
    """Render ``reports`` in ``fmt`` (text, json, sarif, junit, html).

    ``documents`` (path -> Document) and ``deadline`` are used by the HTML page only.
    """
    if fmt == "text":
        return render_text(reports, colour)
    if fmt == "html":
        from .html_report import render_html  # lazy: a large module only the html format needs

        return render_html(reports, documents, deadline=deadline)
    return {"json": render_json, "sarif": render_sarif, "junit": render_junit}[fmt](reports)
