"""Streamlit widgets shared by the pages (UI only; numbers come from metrics/)."""
