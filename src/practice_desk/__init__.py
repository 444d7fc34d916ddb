"""Practice Desk: offline, encrypted medication management for small psychiatric practices."""

__version__ = "0.1.0"
