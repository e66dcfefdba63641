"""Dekonsentrasi / tugas pembantuan use-cases (issue 5)."""
