# %% [markdown]
# # Log a model's value to MLflow
#
# A plain-text notebook (open it in Jupyter with jupytext, or run it as a script). Needs
# `pip install 'valuelens[mlflow]'`. The tracking store here is a SQLite file in the current
# folder; set `MLFLOW_TRACKING_URI` to use yours.

# %%
import os

import mlflow
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split

from metrics.fraud.data import sample_frame
from metrics.mlflow import REPORT_NAME, log_value

mlflow.set_tracking_uri(os.environ.get("MLFLOW_TRACKING_URI", "sqlite:///mlflow.db"))

# %%
frame = sample_frame()
features = ["amount", "hour", "country_mismatch", "card_age_days", "velocity_24h"]
X, y, amount = frame[features].to_numpy(), frame["is_fraud"].to_numpy(), frame["amount"].to_numpy()
X_fit, X_test, y_fit, y_test, _, a_test = train_test_split(
    X, y, amount, test_size=0.4, random_state=0, stratify=y
)

# %% [markdown]
# Train, then log the value of its decisions (the best threshold as earned, with its
# interval, the baselines, the value at the model's own 0.5) and the review report.

# %%
with mlflow.start_run(run_name="logistic regression") as run:
    model = LogisticRegression(max_iter=1000).fit(X_fit, y_fit)
    result = log_value(
        y_test,
        model.predict_proba(X_test)[:, 1],
        value_matrix=(0.0, -5.0, 0.0, 10.0),
        amount_rates=(0.0, -0.10, 0.0, 1.0),
        amount=a_test,
        threshold=0.5,
    )

logged = mlflow.MlflowClient().get_run(run.info.run_id).data.metrics
print({k: round(v, 2) for k, v in sorted(logged.items())})
print("report:", mlflow.MlflowClient().download_artifacts(run.info.run_id, REPORT_NAME))
assert logged["valuelens_best_value_cross_fitted"] == result.best_value_cross_fitted
