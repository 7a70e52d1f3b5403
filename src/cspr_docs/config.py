"""A partnership's own configuration: ``cspr-docs.yaml``.

Found next to the case file or in a folder above it, or given with ``--config``. It holds the
partnership's public details (``partnership:`` name, local_authority, address, phone, email,
website, social, logo), per-rule severities (``rules:``, ``error|warning|info|off``), extra
checklists, allow-words, the default register and template overrides per document type. Errors name
the file and the line. ``Config.origins`` records where each value came from, for ``cspr-docs
config``. Other modules read the public details with ``partnership_details()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from .doctypes import TEMPLATE_TYPES
from .errors import InputError

FILENAME = "cspr-docs.yaml"
#: The public details a partnership can give (casefile.PartnershipInfo: the field names the
#: anonymiser and templates read, also accepted as a case file's ``partnership:`` block).
PARTNERSHIP_FIELDS = ("name", "local_authority", "address", "phone", "email", "website", "social", "logo")
SEVERITIES = ("error", "warning", "info", "off")


@dataclass
class Config:
    """The effective configuration. ``path`` is the file it came from (None: defaults only);
    ``origins`` maps each setting (``partnership.name``, ``rules.ACC006`` ...) to where it was set."""

    path: Path | None = None
    partnership: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, str] = field(default_factory=dict)
    checklists: list[Path] = field(default_factory=list)
    allow_words: list[str] = field(default_factory=list)
    register: Path | None = None
    templates: dict[str, Path] = field(default_factory=dict)
    origins: dict[str, str] = field(default_factory=dict)

    def severities(self) -> dict[str, str]:
        return dict(self.rules)

    def check_options(self, register: str | None = None, checklists: tuple = ()) -> dict[str, Any]:
        """What ``check_path`` takes from this configuration (the command line's ``register`` and
        ``checklists`` added): for ``check`` and the app alike."""
        return {"checklists": tuple(str(c) for c in self.checklists) + tuple(checklists),
                "register": register or (str(self.register) if self.register else None),
                "severities": self.severities(),
                "anonymise_config": {"partnership": dict(self.partnership), "allow_words": list(self.allow_words)}}

    def template_for(self, doc_type: str) -> Path | None:
        return self.templates.get(doc_type)


@lru_cache(maxsize=1)
def _model():
    from pydantic import BaseModel, ConfigDict, Field, field_validator

    from .casefile import PartnershipInfo as Partnership  # one definition of the public details

    class ConfigModel(BaseModel):
        model_config = ConfigDict(extra="forbid", populate_by_name=False)
        partnership: Partnership = Field(default_factory=Partnership)
        rules: dict[str, str] = Field(default_factory=dict)
        checklists: list[str] = Field(default_factory=list)
        allow_words: list[str] = Field(default_factory=list)
        register_path: str | None = Field(None, alias="register")
        templates: dict[str, str] = Field(default_factory=dict)

        @field_validator("rules")
        @classmethod
        def _rules(cls, value: dict[str, str]) -> dict[str, str]:
            from .catalogue import rules

            for rule_id, setting in value.items():
                if rule_id not in rules():
                    raise ValueError(f"'{rule_id}' is not a rule (cspr-docs rules lists them)")
                if setting not in SEVERITIES:
                    raise ValueError(f"{rule_id}: '{setting}' is not one of {', '.join(SEVERITIES)}")
            return value

        @field_validator("templates")
        @classmethod
        def _templates(cls, value: dict[str, str]) -> dict[str, str]:
            for doc_type in value:
                if doc_type not in TEMPLATE_TYPES:
                    raise ValueError(f"'{doc_type}' is not a document type with a template "
                                     f"({', '.join(TEMPLATE_TYPES)})")
            return value

    return ConfigModel


def find_config(start: str | Path | None = None) -> Path | None:
    """``cspr-docs.yaml`` in ``start`` (a folder, or a file's folder) or the nearest folder above."""
    here = Path(start) if start is not None else Path.cwd()
    if here.is_file() or (not here.exists() and here.suffix):
        here = here.parent
    here = here.resolve()
    for folder in (here, *here.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            return candidate
    return None


def _problem(err: dict) -> str:
    loc = [str(p) for p in err["loc"]]
    where = ".".join(loc)
    kind = err["type"]
    if kind == "extra_forbidden":
        return f"unknown setting '{where}'"
    if kind == "value_error":
        return f"{where}: {err['ctx']['error']}"
    return f"{where}: {err['msg'].lower()}" if where else err["msg"]


def load_config(path: str | Path) -> Config:
    """Load and validate ``path``; ``InputError(path, "line N: ...")`` when it is wrong."""
    from pydantic import ValidationError

    from .yamlio import line_of, load_yaml

    p = Path(path)
    if not p.is_file():
        raise InputError(p, "no such file")
    data = load_yaml(p)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise InputError(p, "line 1: a cspr-docs.yaml must be a mapping of settings (partnership:, rules: ...)")
    try:
        parsed = _model().model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        if err["type"] == "value_error" and loc and loc[0] in ("rules", "templates"):
            bad = str(err["ctx"]["error"]).split("'")[1] if "'" in str(err["ctx"]["error"]) else None
            if bad is not None and bad in (data.get(loc[0]) or {}):
                loc = (loc[0], bad)
            else:  # the bad value, not the key: find the key whose value it is
                section = data.get(loc[0]) or {}
                key = next((k for k, v in section.items() if str(v) == bad), None)
                loc = (loc[0], key) if key is not None else loc
        line = line_of(data, loc)
        raise InputError(p, (f"line {line}: " if line else "") + _problem(err)) from None
    base = p.parent
    cfg = Config(path=p)

    def origin(*loc) -> str:
        line = line_of(data, loc)
        return f"{p}:{line}" if line else str(p)

    def file_setting(value: str, *loc) -> Path:
        target = (base / value).resolve() if not Path(value).is_absolute() else Path(value)
        if not target.exists():
            raise InputError(p, f"line {line_of(data, loc)}: {'.'.join(map(str, loc))}: no such file "
                                f"'{value}' (paths are relative to this file)")
        return target

    for name in PARTNERSHIP_FIELDS:
        value = getattr(parsed.partnership, name)
        if value not in (None, [], ""):
            cfg.partnership[name] = value
            cfg.origins[f"partnership.{name}"] = origin("partnership", name)
    if "logo" in cfg.partnership:
        cfg.partnership["logo"] = str(file_setting(cfg.partnership["logo"], "partnership", "logo"))
    for rule_id, setting in parsed.rules.items():
        cfg.rules[rule_id] = setting
        cfg.origins[f"rules.{rule_id}"] = origin("rules", rule_id)
    for i, value in enumerate(parsed.checklists):
        cfg.checklists.append(file_setting(value, "checklists", i))
    if parsed.checklists:
        cfg.origins["checklists"] = origin("checklists")
    cfg.allow_words = list(parsed.allow_words)
    if parsed.allow_words:
        cfg.origins["allow_words"] = origin("allow_words")
    if parsed.register_path:
        cfg.register = file_setting(parsed.register_path, "register")
        cfg.origins["register"] = origin("register")
    for doc_type, value in parsed.templates.items():
        cfg.templates[doc_type] = file_setting(value, "templates", doc_type)
        cfg.origins[f"templates.{doc_type}"] = origin("templates", doc_type)
    return cfg


def effective_config(explicit: str | Path | None = None, *, near: str | Path | None = None) -> Config:
    """The configuration in force: ``explicit`` (``--config``) if given, else the ``cspr-docs.yaml``
    found from ``near`` (the case file, or the current folder), else the defaults."""
    if explicit is not None:
        return load_config(explicit)
    found = find_config(near)
    return load_config(found) if found else Config()


def partnership_details(config: Config | None = None, *, near: str | Path | None = None) -> dict[str, Any]:
    """The partnership's public details (``name``, ``local_authority``, ``address``, ``phone``,
    ``email``, ``website``, ``social``, ``logo``), only those set: for ``scan`` (never flag them) and
    for templates (print them)."""
    cfg = config if config is not None else effective_config(near=near)
    return dict(cfg.partnership)


def describe(cfg: Config) -> str:
    """``cspr-docs config``: every setting in force and where it came from."""
    src = str(cfg.path) if cfg.path else None
    lines = [f"# configuration file: {src or 'none found (defaults)'}"]

    def row(key: str, value: Any) -> None:
        where = cfg.origins.get(key, "default")
        lines.append(f"{key}: {value}    # {where}")

    for name in PARTNERSHIP_FIELDS:
        row(f"partnership.{name}", cfg.partnership.get(name, "(not set)"))
    from .catalogue import rules

    for rule_id, rule in rules().items():
        if rule_id in cfg.rules:
            row(f"rules.{rule_id}", cfg.rules[rule_id])
        else:
            lines.append(f"rules.{rule_id}: {rule.severity}    # default ({rule.duty})")
    row("checklists", [str(c) for c in cfg.checklists] or "(none)")
    row("allow_words", cfg.allow_words or "(none)")
    row("register", cfg.register or "(none: give --register)")
    for doc_type in TEMPLATE_TYPES:
        row(f"templates.{doc_type}", cfg.templates.get(doc_type, "(bundled)"))
    return "\n".join(lines) + "\n"


def skeleton() -> str:
    """The commented ``cspr-docs.yaml`` that ``cspr-docs init`` writes."""
    from .files import bundled

    return (bundled("data") / "config_skeleton.yaml").read_text(encoding="utf-8")
