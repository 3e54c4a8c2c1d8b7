"""The articles of the claims tests: the Pars Today seed and the English and French reports of the same
refusal (Aliyev declines to send troops to the Gaza stabilization force)."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "parstoday-id-aliyev-gaza-2026-01-06.txt"
EN_FR = ROOT / "tests" / "fixtures" / "claims" / "aliyev-refusal-en-fr.jsonl"
ISF = "gaza-international-stabilization-force"
