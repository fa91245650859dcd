"""The built-in gallery app (src/app/builtinApps.ts, galleryApp) rebuilt for real Streamlit: the same
elements, in the same order and containers, each with its Streamlit equivalent, and the same
"Button clicked N times" counter driven by a button. bench/streamlit.bench.ts runs it headless and
times click -> rerun -> new count in the DOM, as it does for ours.

The star rating is the same Streamlit v2 component as ours: the bundle the build writes to
dist/component-v2/ (run `node scripts/build.mjs` first), registered inline.
"""

from pathlib import Path

import streamlit as st

COMPONENT_DIR = Path(__file__).resolve().parents[2] / "dist" / "component-v2"


def _asset(name: str) -> str:
    path = COMPONENT_DIR / name
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: build first (node scripts/build.mjs)")
    # Streamlit takes a one-line string with a "/" in it (a minified bundle) for a file path: give it a
    # second line (a comment; its check strips surrounding whitespace, so a trailing newline is not enough).
    text = path.read_text(encoding="utf-8")
    return text + ("\n/* */" if name.endswith((".js", ".css")) else "\n")


rating_component = st.components.v2.component(
    "rating", html=_asset("rating.html"), css=_asset("rating.css"), js=_asset("rating.js")
)

st.title("Component Host")
st.caption("An app running in the extension host; this panel is its UI. Widgets rerun it.")
name = st.text_input("Your name", value="world", key="name")
st.markdown(f"Hello, **{name or 'stranger'}**! Edit the name: the app reruns on every change.")
clicks = st.session_state.get("clicks", 0)
if st.button("Click me", key="click"):
    st.session_state.clicks = clicks + 1
st.text(
    f"Button clicked {st.session_state.get('clicks', 0)} times (a trigger: true only in the run the click caused)."
)
level = st.slider("Level", min_value=1, max_value=10, value=3, key="level")
st.progress(level / 10, text=f"level {level} of 10")
checked = st.checkbox("Show details", key="details")
if checked:
    st.info("Details are shown because the checkbox is ticked.")
flavour = st.selectbox("Flavour", ["vanilla", "chocolate", "strawberry"], key="flavour")
size = st.radio("Size", ["small", "medium", "large"], index=1, key="size")
st.success(f"You picked a {size} {flavour}.")
amount = st.number_input("Amount", min_value=0, max_value=20, value=2, key="amount")
st.toggle("Dark mode preview", key="dark")
left, right = st.columns(2)
left.text(f"Amount: {amount}")
right.text(f"Total: {amount * level}")
previous = st.session_state.get("rating")
rating = rating_component(
    key="rating",
    data={"label": "Rate this panel", "rating": (previous or {}).get("rating", 3) if isinstance(previous, dict) else 3},
    default={"rating": 3},
    on_rating_change=lambda: None,
    on_submitted_change=lambda: None,
)
if isinstance(getattr(rating, "submitted", None), (int, float)):
    st.success(
        f'Thanks: {rating.submitted} of 5 stars (a Streamlit v2 component; "submitted" is a trigger, seen by this run only).'
    )
# Ours shows the active editor here; the benchmark opens no editor, so ours shows this caption too.
editor = st.expander("The editor, as the app sees it", expanded=True)
editor.caption("No editor is active. Open a file to see it here.")
tab_a, tab_b = st.tabs(["Table", "JSON"])
tab_a.table([{"row": i + 1, "square": (i + 1) ** 2, "level": level} for i in range(5)])
tab_b.json(
    {"name": name, "level": level, "flavour": flavour, "size": size, "amount": amount, "clicks": st.session_state.get("clicks", 0)}
)
st.divider()
for i in range(12):
    st.caption(f"Line {i + 1} of filler text, so the app has about fifty elements.")
st.code('export default async function app(st) {\n  st.title("My app");\n}', language="javascript")
st.warning("Apps from the workspace run only in a trusted workspace.")
