"""Home: what ValueLens is for, and the way into each use case."""

import streamlit as st

from ui.common import route_through_app, words_box
from ui.home import SUMMARIES, summary_tile

HOME_WORDS = ("precision", "recall", "accuracy", "ROC AUC", "threshold", "ROI")

route_through_app()

st.title("ValueLens")
st.markdown(
    "Companies do not care whether a model's accuracy went from 94% to 94.2%; they care "
    "whether it moves revenue, cost or risk. ValueLens translates model metrics such as "
    "precision, recall and AUC into money, with every assumption on screen and editable. "
    "Move a threshold or a cost and see, live, what the model is worth to the business."
)
st.subheader("Each use case at a glance")
st.caption("At the settings you last used in this session, or at each page's defaults.")
top, bottom = st.columns(4), st.columns(4)
for column, (page, title) in zip([*top, *bottom], SUMMARIES.items(), strict=True):
    summary_tile(column, page, f"pages/{page}.py", title)
st.subheader("Use cases")
st.page_link(
    "pages/fraud.py",
    label="Fraud detection: net savings of a fraud model in USD",
    icon=":material/credit_card:",
)
st.page_link(
    "pages/ads.py",
    label="Search ads: what a better click-through-rate model is worth a year",
    icon=":material/ads_click:",
)
st.page_link(
    "pages/feed.py",
    label="Newsfeed ranking: trade engagement for quality live, without retraining",
    icon=":material/dynamic_feed:",
)
st.page_link(
    "pages/decide.py",
    label="Your model: is it worth using, where to set it, how sure, for whom, and which is better",
    icon=":material/tune:",
)
st.page_link(
    "pages/monitor.py",
    label="Monitoring: what the model is worth week by week, before the labels arrive",
    icon=":material/monitor_heart:",
)
st.page_link(
    "pages/adapt.py",
    label="Retraining and data quality: how often to retrain, and when more data earns less",
    icon=":material/update:",
)
st.subheader("Is a better model worth it?")
st.page_link(
    "pages/model_value.py",
    label="Which ML metric tracks the money, and what is a metric improvement worth?",
    icon=":material/leaderboard:",
)
st.page_link(
    "pages/security.py",
    label="When a better model does not help: a security pipeline with a human bottleneck",
    icon=":material/shield:",
)
st.page_link(
    "pages/roi.py",
    label="Realistic returns by ML maturity: break-even and ROI",
    icon=":material/savings:",
)
st.caption(
    "Every page runs on bundled sample data; the fraud, search ads, newsfeed, your-model and "
    "monitoring pages also take your own files (in the sidebar)."
)
words_box(HOME_WORDS)
