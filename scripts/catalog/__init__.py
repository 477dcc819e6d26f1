"""catalog — the field modules of the demo procedure catalogue (scripts/gen_procedures.py)."""
