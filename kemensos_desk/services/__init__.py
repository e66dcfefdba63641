"""Use-cases shared by the GUI and the CLI: each takes a Workspace and the acting user."""
