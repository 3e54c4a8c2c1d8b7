"""Intake (files, pages, feeds) and extraction (statements) for diplograph."""

from __future__ import annotations

from loaders.native import activate

# the extraction modules compiled by mypyc when their build is current, else their source (loaders.native)
activate()
