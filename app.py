"""ValueLens: router only. Run with ``streamlit run app.py``."""

from pathlib import Path

import streamlit as st

from ui.common import sign_in_required, sign_in_screen

# The icon is a file served by this server: no request leaves it for an icon font.
ICON = str(Path(__file__).resolve().parent / "assets" / "valuelens.png")
st.set_page_config(page_title="ValueLens", page_icon=ICON, layout="wide")

signed_out = sign_in_required()
navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Home", icon=":material/home:", default=True),
        st.Page(
            "pages/fraud.py",
            title="Fraud detection",
            icon=":material/credit_card:",
            url_path="fraud",
        ),
        st.Page(
            "pages/ads.py",
            title="Search ads",
            icon=":material/ads_click:",
            url_path="ads",
        ),
        st.Page(
            "pages/feed.py",
            title="Newsfeed ranking",
            icon=":material/dynamic_feed:",
            url_path="feed",
        ),
        st.Page(
            "pages/decide.py",
            title="Your model",
            icon=":material/tune:",
            url_path="decide",
        ),
        st.Page(
            "pages/framing.py",
            title="Framing the problem",
            icon=":material/category:",
            url_path="framing",
        ),
        st.Page(
            "pages/monitor.py",
            title="Monitoring",
            icon=":material/monitor_heart:",
            url_path="monitor",
        ),
        st.Page(
            "pages/fleet.py",
            title="The fleet",
            icon=":material/view_list:",
            url_path="fleet",
        ),
        st.Page(
            "pages/adapt.py",
            title="Retraining and data quality",
            icon=":material/update:",
            url_path="adapt",
        ),
        st.Page(
            "pages/model_value.py",
            title="Which metric tracks money",
            icon=":material/leaderboard:",
            url_path="model_value",
        ),
        st.Page(
            "pages/security.py",
            title="Security pipeline",
            icon=":material/shield:",
            url_path="security",
        ),
        st.Page("pages/roi.py", title="Realistic ROI", icon=":material/savings:", url_path="roi"),
    ],
    position="hidden" if signed_out else "sidebar",
)
if signed_out:
    sign_in_screen()
    st.stop()
with st.sidebar:
    st.caption("ValueLens · ML metrics in business terms")
navigation.run()
