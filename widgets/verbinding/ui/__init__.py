"""Thin ipywidgets composites over the pure models (one model each)."""
