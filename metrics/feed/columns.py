"""The candidate file's columns by role, and their command-line options: a light table the
command line reads without loading pandas."""

from __future__ import annotations

HARM_COLUMNS = {
    "spam": ("is_spam", "spam_score"),
    "nsfw": ("is_nsfw", "nsfw_score"),
    "misinfo": ("is_misinfo", "misinfo_score"),
}
"""Each harm: (truth column, classifier score column) in the sample and by default."""

FEED_ROLES = {
    "user": ("user_id", "User id column"),
    "post": ("post_id", "Post id column"),
    "quality_pred": ("quality_pred", "Predicted quality column"),
    "engagement": ("engagement_pred", "Predicted click probability column"),
}
"""Required roles: (default column name, label)."""

FEED_OPTIONAL = {
    "quality": ("quality", "True quality column (optional, 0 to 1)"),
    "p_click": ("p_click", "True click probability or clicked 0/1 (optional)"),
    "extremeness": ("extremeness", "Extremeness column (optional, 0 to 1)"),
    **{f"{h}_score": (c[1], f"{h} classifier score (optional)") for h, c in HARM_COLUMNS.items()},
    **{f"is_{h}": (c[0], f"{h}: truly harmful 0/1 (optional)") for h, c in HARM_COLUMNS.items()},
}
"""Optional roles: what is absent is either left out of the page (truth) or off (filters)."""


def option_stem(role: str) -> str:
    """A role's command-line stem: ``quality_pred`` is ``--quality-pred-column``.

    Parameters
    ----------
    role : str
        A key of ``FEED_ROLES`` or ``FEED_OPTIONAL``.

    Returns
    -------
    str
    """
    return role.replace("_", "-")
