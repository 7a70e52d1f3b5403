"""Test material for the anonymisation stage: a labelled corpus generator and .docx builders."""
