"""The floor for page speed: a bare Streamlit page with one tile, one slider and one plotly
chart (benchmarks/bench_page_load.py opens it beside every ValueLens page)."""

import plotly.graph_objects as go
import streamlit as st

st.title("A bare page")
threshold = st.slider("Threshold", 0.0, 1.0, 0.5)
st.metric("Net savings", f"${threshold * 1000:,.0f}")
st.plotly_chart(go.Figure(go.Scatter(x=[0, 1, 2], y=[threshold, 1, 0])), width="stretch")
