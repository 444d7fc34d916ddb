"""Printed documents as PDF bytes (ReportLab). Never touches the disk; callers decide.

The only package that imports reportlab. Every renderer takes domain objects and returns
``bytes``; fonts and fixed strings come from ``practice_desk.resources``.
"""
