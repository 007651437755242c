"""ValueLens: router only. Run with ``streamlit run app.py``."""

import base64
from pathlib import Path

import streamlit as st

from ui.common import sign_in_required, sign_in_screen

# The icon travels inside the page as a data URL: nothing leaves this server for it, and the
# browser does not fetch it after the page has drawn (a late fetch held a new page's first
# view back; benchmarks/bench_page_load.py). The navigation is text only for the same reason.
ICON = Path(__file__).resolve().parent / "assets" / "valuelens.png"
FAVICON = "data:image/png;base64," + base64.b64encode(ICON.read_bytes()).decode("ascii")
st.set_page_config(page_title="ValueLens", page_icon=FAVICON, layout="wide")

signed_out = sign_in_required()
navigation = st.navigation(
    [
        st.Page("pages/home.py", title="Home", default=True),
        st.Page(
            "pages/fraud.py",
            title="Fraud detection",
            url_path="fraud",
        ),
        st.Page(
            "pages/ads.py",
            title="Search ads",
            url_path="ads",
        ),
        st.Page(
            "pages/feed.py",
            title="Newsfeed ranking",
            url_path="feed",
        ),
        st.Page(
            "pages/decide.py",
            title="Your model",
            url_path="decide",
        ),
        st.Page(
            "pages/framing.py",
            title="Framing the problem",
            url_path="framing",
        ),
        st.Page(
            "pages/monitor.py",
            title="Monitoring",
            url_path="monitor",
        ),
        st.Page(
            "pages/fleet.py",
            title="The fleet",
            url_path="fleet",
        ),
        st.Page(
            "pages/adapt.py",
            title="Retraining and data quality",
            url_path="adapt",
        ),
        st.Page(
            "pages/model_value.py",
            title="Which metric tracks money",
            url_path="model_value",
        ),
        st.Page(
            "pages/security.py",
            title="Security pipeline",
            url_path="security",
        ),
        st.Page("pages/roi.py", title="Realistic ROI", url_path="roi"),
    ],
    position="hidden" if signed_out else "sidebar",
)
if signed_out:
    sign_in_screen()
    st.stop()
with st.sidebar:
    st.caption("ValueLens · ML metrics in business terms")
navigation.run()
