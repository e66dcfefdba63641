"""SPM Bidang Sosial: register of beneficiaries, assessments, deliveries, disaster events,
budget, quarter approval and achievement (issue 4; DOMAIN.md §2)."""
