"""Fits statsmodels' Holt to each series read as JSON from stdin and prints JSON results.

Input:  {"repeats": 5, "series": [{"name": "...", "values": [...], "damped": false}, ...]}
Output: {"statsmodels": "0.13.5", "results": [{"name", "sse", "params", "seconds",
         "holtDefault": {"sse", "params", "seconds"}?}, ...]}

The damped fit uses ExponentialSmoothing with damping_trend bounded to [0.8, 0.98] so both
sides search the same model space; statsmodels' own default allows phi up to 0.995, and that
fit is reported too as `holtDefault`.
"""

import json
import os
import sys
import time
import warnings

# This file is named statsmodels.py: keep its own folder off the path so the import below
# finds the real package.
_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or os.curdir) != _HERE]

from statsmodels.tsa.holtwinters import ExponentialSmoothing, Holt

warnings.simplefilter("ignore")

PARAM_NAMES = (
    "smoothing_level",
    "smoothing_trend",
    "damping_trend",
    "initial_level",
    "initial_trend",
)


def timed(fit, repeats):
    seconds = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fit()
        seconds.append(time.perf_counter() - start)
    seconds.sort()
    return result, seconds[len(seconds) // 2]


def summary(result, seconds):
    params = {
        name: float(result.params[name])
        for name in PARAM_NAMES
        if name in result.params and result.params[name] == result.params[name]
    }
    return {"sse": float(result.sse), "params": params, "seconds": seconds}


def fit_one(entry, repeats):
    values = entry["values"]
    damped = bool(entry.get("damped", False))

    def holt():
        model = Holt(values, damped_trend=damped, initialization_method="estimated")
        return model.fit(optimized=True)

    def matched():
        model = ExponentialSmoothing(
            values,
            trend="add",
            damped_trend=True,
            initialization_method="estimated",
            bounds={"damping_trend": (0.8, 0.98)},
        )
        return model.fit(optimized=True)

    default = summary(*timed(holt, repeats))
    if not damped:
        return {"name": entry["name"], **default}
    return {"name": entry["name"], **summary(*timed(matched, repeats)), "holtDefault": default}


def main():
    import statsmodels

    request = json.load(sys.stdin)
    repeats = int(request.get("repeats", 5))
    results = [fit_one(entry, repeats) for entry in request["series"]]
    json.dump({"statsmodels": statsmodels.__version__, "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
