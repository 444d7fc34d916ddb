"""The desktop application: PySide6 widgets over the Practice facade. No SQL, no clinical rules."""
