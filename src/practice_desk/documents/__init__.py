"""Printed documents as PDF bytes (ReportLab). Never touches the disk; callers decide."""
