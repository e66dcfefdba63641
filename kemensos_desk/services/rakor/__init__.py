"""Rakor (issue 6): the office's material for the Rapat Koordinasi Perencanaan Kesejahteraan
Sosial Tingkat Daerah: Renstra, capaian dekon/TP and SPM of N−1, proposals for N+1,
problems and recommendations; approval freezes the figures; PDF and xlsx outputs."""
