"""Precursor Diplomacy Dashboard: curated data, mention finding, networks and the Streamlit app."""

__version__ = "0.1.0"
