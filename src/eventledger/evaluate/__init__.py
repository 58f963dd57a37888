"""Scoring eventledger's stages against gold data (``../shared/gold``): one module per stage."""
