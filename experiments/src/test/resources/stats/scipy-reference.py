#!/usr/bin/python3
# Makes scipy-reference.json, the numbers StatsAgainstScipyTest checks Odonata's statistics against.
# Run with Debian's python3-scipy (1.10.1 when this was made):
#   apt-get install -y python3-scipy
#   /usr/bin/python3 -s experiments/src/test/resources/stats/scipy-reference.py > experiments/src/test/resources/stats/scipy-reference.json
# The test itself never needs scipy: it reads the committed JSON.
import itertools
import json

import numpy as np
import scipy
from scipy import stats

CASES = {
    # three trials of a throughput, as the quickstart runs them (msg/s)
    "throughput-n3": ([18037940.0, 16445285.0, 19630595.0], [19500000.0, 17100000.0, 20900000.0]),
    # five p99 latencies in ns
    "latency-n5": ([163455.0, 162100.0, 164800.0, 161900.0, 163000.0],
                   [163753.0, 163900.0, 165200.0, 162400.0, 164100.0]),
    # differences of both signs
    "mixed-n8": ([10.2, 11.5, 9.8, 10.9, 12.1, 10.0, 11.1, 10.6],
                 [10.9, 11.2, 10.7, 11.8, 12.0, 10.9, 11.9, 10.4]),
    # CPU utilisation
    "fraction-n12": ([0.8596, 0.8210, 0.9012, 0.8804, 0.8433, 0.8691, 0.8522, 0.8950, 0.8777, 0.8315, 0.8640, 0.8888],
                     [1.0, 0.9921, 0.9987, 1.0, 0.9903, 0.9950, 0.9999, 0.9890, 0.9968, 0.9930, 1.0, 0.9911]),
    # twenty pairs, a small shift
    "shift-n20": ([float(v) for v in [101, 98, 103, 99, 100, 97, 102, 104, 96, 100, 101, 99, 98, 103, 102, 97, 100, 99, 101, 98]],
                  [float(v) for v in [102, 99, 103.5, 101, 100.2, 98.5, 104, 104.1, 97, 101.5, 101.4, 100.5, 98.2, 105, 102.7, 98.8, 101.1, 99.9, 102.6, 99.3]]),
}
# tied magnitudes and a zero difference: the signed-rank test's exact conditional distribution
TIES = ([5.0, 7.0, 6.0, 8.0, 4.0, 9.0, 6.0], [6.0, 6.0, 7.0, 9.0, 4.0, 11.0, 8.0])


def t_interval(x, level=0.95):
    x = np.asarray(x)
    half = stats.t.ppf(0.5 + level / 2, len(x) - 1) * stats.sem(x)
    return [float(x.mean() - half), float(x.mean() + half)]


def exact_signed_rank(d):
    d = np.asarray([v for v in d if v != 0])
    ranks = stats.rankdata(np.abs(d))
    observed = ranks[d > 0].sum()
    sums = [sum(r for r, s in zip(ranks, signs) if s) for signs in itertools.product([0, 1], repeat=len(d))]
    sums = np.asarray(sums)
    lo = np.mean(sums <= observed + 1e-9)
    hi = np.mean(sums >= observed - 1e-9)
    return float(min(1.0, 2 * min(lo, hi)))


out = {"scipy": scipy.__version__, "cases": []}
for name, (b, x) in CASES.items():
    b = np.asarray(b)
    x = np.asarray(x)
    d = x - b
    rel = stats.ttest_rel(x, b)
    ci = rel.confidence_interval(0.95)
    welch = stats.ttest_ind(x, b, equal_var=False)
    vb, vx = b.var(ddof=1) / len(b), x.var(ddof=1) / len(x)
    df = (vb + vx) ** 2 / (vb ** 2 / (len(b) - 1) + vx ** 2 / (len(x) - 1))
    half = stats.t.ppf(0.975, df) * np.sqrt(vb + vx)
    perm = stats.permutation_test((x, b), lambda u, v: np.mean(u - v), permutation_type="samples",
                                  n_resamples=np.inf, alternative="two-sided")
    case = {
        "name": name, "baseline": b.tolist(), "other": x.tolist(),
        "pairedT": {"p": float(rel.pvalue), "diffLow": float(ci.low), "diffHigh": float(ci.high)},
        "wilcoxon": {"p": float(stats.wilcoxon(x, b, method="exact").pvalue)},
        "permutation": {"p": float(perm.pvalue)},
        "welch": {"p": float(welch.pvalue), "diffLow": float(x.mean() - b.mean() - half),
                  "diffHigh": float(x.mean() - b.mean() + half)},
        "meanInterval": {"baseline": t_interval(b), "other": t_interval(x)},
    }
    out["cases"].append(case)
b, x = (np.asarray(v) for v in TIES)
out["ties"] = {"baseline": b.tolist(), "other": x.tolist(), "wilcoxonExactP": exact_signed_rank(x - b),
               "permutationP": float(stats.permutation_test((x, b), lambda u, v: np.mean(u - v),
                                                            permutation_type="samples", n_resamples=np.inf).pvalue)}
print(json.dumps(out, indent=1))
