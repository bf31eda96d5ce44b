"""Extraction: numbers (``numbers``) and the claims they make (``claims``)."""

from checker.extract.claims import extract

__all__ = ["extract"]
