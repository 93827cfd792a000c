"""Otklik: citizen appeals for a municipal management centre."""
