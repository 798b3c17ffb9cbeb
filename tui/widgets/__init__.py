"""Widgets of the app shared by its screens."""
