#!/usr/bin/env python3
"""CUMCM peers on the fixed 25 folds, reading derived_features_v1.csv.gz as shipped (run_cumcm.py would
rebuild and overwrite it from the invoices; this reuses its models and metrics via common.py).
Usage: peers_cumcm.py DATA_DIR OUT_JSON PEERS_DIR"""
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, sys.argv[3])
from common import MODELS, env_info, fit_eval, save_json  # noqa: E402

data = Path(sys.argv[1]) / "cumcm2020c"
ent = pd.read_csv(data / "enterprises.csv.gz", dtype=str, keep_default_na=False)
F = pd.read_csv(data / "derived_features_v1.csv.gz")
fcols = [c for c in F.columns if c != "企业代号"]
lab = ent[ent["附件"] == "1"].merge(F, on="企业代号")
X = lab[fcols].to_numpy(float)
y = (lab["是否违约"] == "是").astype(int).to_numpy()
folds = pd.read_csv(data / "cv_folds_att1.csv.gz", dtype={"repeat": int, "fold": int})
pos = {e: i for i, e in enumerate(lab["企业代号"])}
results = []
for name in MODELS:
    per_fold = []
    for (rep, fold), ff in folds.groupby(["repeat", "fold"]):
        te = np.array([pos[e] for e in ff["企业代号"]])
        tr = np.setdiff1d(np.arange(len(y)), te)
        per_fold.append(fit_eval(name, X[tr], y[tr], X[te], y[te]))
    agg = {k: float(np.mean([r[k] for r in per_fold])) for k in ["auc", "ks", "brier", "train_s", "predict_rows_per_s"]}
    results.append({"dataset": "cumcm2020c_att1_default", "model": name, **agg,
                    "auc_sd": float(np.std([r["auc"] for r in per_fold], ddof=1)),
                    "n_train": int(np.mean([r["n_train"] for r in per_fold])),
                    "n_test": int(np.mean([r["n_test"] for r in per_fold])), "n_features": len(fcols)})
save_json(sys.argv[2], {"env": env_info(), "results": results})
