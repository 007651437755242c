# %% [markdown]
# # Tune a threshold for money, and compare two models with intervals
#
# A plain-text notebook (open it in Jupyter with jupytext, or run it as a script). It tunes a
# logistic regression's threshold with scikit-learn's `TunedThresholdClassifierCV`, the
# objective being ValueLens's value of the decisions with each row's amount, then values it
# on held-out rows against ValueLens's exact optimum, and compares a second model.

# %%
import sklearn
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import TunedThresholdClassifierCV, train_test_split

import metrics
from metrics.fraud.data import sample_frame
from metrics.sklearn import ValueCurveDisplay, make_value_scorer, value_score

# %% [markdown]
# The bundled card transactions: fraud is 0.45% of rows. A caught fraud saves its amount and
# a $15 fee, less a $5 review; a false alarm costs the review and 10% of the sale. In the
# command line's layout: `(TN, FP, FN, TP)` per row, plus a share of the row's amount.

# %%
frame = sample_frame()
features = ["amount", "hour", "country_mismatch", "card_age_days", "velocity_24h"]
X, y, amount = frame[features].to_numpy(), frame["is_fraud"].to_numpy(), frame["amount"].to_numpy()
VALUE_MATRIX = (0.0, -5.0, 0.0, 10.0)
AMOUNT_RATES = (0.0, -0.10, 0.0, 1.0)
X_fit, X_test, y_fit, y_test, a_fit, a_test = train_test_split(
    X, y, amount, test_size=0.4, random_state=0, stratify=y
)

# %% [markdown]
# Per-row amounts reach the scorer through scikit-learn's metadata routing.

# %%
sklearn.set_config(enable_metadata_routing=True)
scorer = make_value_scorer(VALUE_MATRIX, amount_rates=AMOUNT_RATES)
tuned = TunedThresholdClassifierCV(
    LogisticRegression(max_iter=1000), scoring=scorer, cv=3, random_state=0
).fit(X_fit, y_fit, amount=a_fit)
held_out = value_score(
    y_test,
    tuned.predict(X_test),
    value_matrix=VALUE_MATRIX,
    amount_rates=AMOUNT_RATES,
    amount=a_test,
)
print(f"tuned threshold {tuned.best_threshold_:.4f} earns ${held_out:,.0f} on held-out rows")

# %% [markdown]
# ValueLens's exact optimum on the same held-out rows bounds what any threshold can earn
# there; the cross-fitted best is what a threshold chosen on other rows earns, with its 95%
# interval.

# %%
logistic = metrics.value_decisions(
    y_test,
    tuned.predict_proba(X_test)[:, 1],
    value_matrix=VALUE_MATRIX,
    amount_rates=AMOUNT_RATES,
    amount=a_test,
)
low, high = logistic.best_value_interval
print(f"exact optimum on these rows: ${logistic.best_value:,.0f} at {logistic.best_threshold:.4f}")
earned = logistic.best_value_cross_fitted
print(f"as earned (cross-fitted): ${earned:,.0f}, 95% interval ${low:,.0f} to ${high:,.0f}")
assert held_out <= logistic.best_value + 1e-6

# %% [markdown]
# A second model, valued the same way; the display is the dashboard's chart.

# %%
boosted = HistGradientBoostingClassifier(random_state=0).fit(X_fit, y_fit)
display = ValueCurveDisplay.from_estimator(
    boosted, X_test, y_test, value_matrix=VALUE_MATRIX, amount_rates=AMOUNT_RATES, amount=a_test
)
print(
    f"{display.name}: ${display.best_value_cross_fitted_:,.0f} as earned against "
    f"${logistic.best_value_cross_fitted:,.0f} for the logistic regression"
)
display.figure_  # noqa: B018 (a notebook cell's last expression is shown in Jupyter)
