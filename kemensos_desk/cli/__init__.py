"""Command line: the same services as the GUI, for IT staff and automation."""
