"""The ministry mode of the GUI (issue 7, "At the ministry"): `kemensos-desk ministry gui --db URL`."""
