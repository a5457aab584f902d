"""Writes pyOMA2's own example record (a 5-storey shear frame, accelerations, 100 Hz, 300 s, seeded)
as CSV, and its known answers as JSON beside it; used only by bench/oma-vs-pyoma2.ts.

usage: pyoma2_example.py <file.csv>   (writes <file>.reference.json too)
"""
import json
import sys

import numpy as np
from pyoma2.functions.gen import example_data

path = sys.argv[1]
data, _, (fn, xi, _) = example_data()
fs = 100.0
time = np.arange(data.shape[0]) / fs
header = "time," + ",".join(f"dof{i + 1}" for i in range(data.shape[1]))
np.savetxt(path, np.column_stack([time, data]), delimiter=",", header=header, comments="", fmt="%.9g")
with open(path.removesuffix(".csv") + ".reference.json", "w") as out:
    json.dump({"frequencies_hz": [float(f) for f in fn], "damping_ratio": float(xi)}, out)
