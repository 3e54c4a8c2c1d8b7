"""Intake (files, pages, feeds) and extraction (statements) for diplograph."""
