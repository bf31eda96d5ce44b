"""The corpus audit: events across outlets, the consensus of their figures, and per-outlet scores.

Stages, each a module: :mod:`~checker.audit.digest` (one article), :mod:`~checker.audit.cluster`
(articles into events), :mod:`~checker.audit.consensus` (one event's figures), :mod:`~checker.audit.scores`
(per outlet), :mod:`~checker.audit.store` (SQLite), :mod:`~checker.audit.engines` (local or Dask) and
:mod:`~checker.audit.run` (one run end to end).
"""
