"""triage: decision support for municipal substance-abuse services."""

__version__ = "0.1.0"
