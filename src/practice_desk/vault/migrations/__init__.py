"""Numbered schema migrations, applied in order and tracked with PRAGMA user_version."""
