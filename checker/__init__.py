"""claimcheck: find numeric and factual disagreements in news text."""

__version__ = "0.1.0"
