"""Data files shipped with Practice Desk, read through importlib.resources.

Installed as the ``practice_desk.resources`` package so that they load the same way
from a source checkout, an installed wheel and a frozen bundle.
"""
