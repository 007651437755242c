"""The monitoring sample's inputs in words, for the drift chart and sentence."""

from __future__ import annotations

FEATURE_WORDS = {
    "velocity_24h": "Card's transactions in the last 24 hours",
    "card_age_days": "Age of the card (days)",
    "merchant_category": "Merchant category",
    "country_mismatch": "Card and shop in different countries",
    "hour": "Hour of the day",
    "score": "The model's fraud score",
    "amount": "Amount (USD)",
}
"""The monitoring sample's inputs in words; another file's columns are shown as named."""


def feature_words(name: str) -> str:
    """An input's name as the pages show it: the sample's in words, any other as it is.

    Parameters
    ----------
    name : str

    Returns
    -------
    str
    """
    return FEATURE_WORDS.get(name, name)
