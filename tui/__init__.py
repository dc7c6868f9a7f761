"""The review app in the terminal (Textual). ``from tui.app import create_app``."""
