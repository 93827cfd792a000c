"""Otklik: citizen appeals for a municipal management centre."""
import os

# Otklik uses no pydantic plugins. Without this, building the first model of a process looks for plugins among
# every installed distribution's entry points: ~15 ms of each cold start. Set before any otklik model is built;
# an explicit setting in the environment wins.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
