"""Incidents: many residents' appeals about one problem, grouped, owned once and answered to every member."""
