"""Generated documents: the handover brief, the situation report, exports (Qt only in ``pdf``)."""
