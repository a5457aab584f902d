"""Times pyOMA2 on a CSV record with given settings; used only by bench/oma-vs-pyoma2.ts.

usage: pyoma2_run.py <file.csv> <FDD|FSDD|SSI|SSI-DAT|PLSCF> '<settings json>' '<selected frequencies json>'
prints one JSON line: {"seconds": ..., "frequencies_hz": [...], "peak_rss_mb": ...} (the whole process: reading included)
"""
import json
import re
import sys
import time
import warnings

import numpy as np

warnings.filterwarnings("ignore")

from pyoma2.algorithms import EFDD, FSDD, SSI, pLSCF  # noqa: E402
from pyoma2.setup import SingleSetup  # noqa: E402


def main() -> None:
    path, analysis, settings, selected = sys.argv[1], sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4])
    table = np.genfromtxt(path, delimiter=",", names=True)
    names = table.dtype.names
    time_column = table[names[0]]
    data = np.column_stack([table[name] for name in names[1:]])
    fs = (len(time_column) - 1) / (time_column[-1] - time_column[0])

    setup = SingleSetup(data, fs=fs)
    if analysis in ("FDD", "FSDD"):
        kind = EFDD if analysis == "FDD" else FSDD
        algorithm = kind(name=analysis, nxseg=settings["segment_length"], pov=settings["overlap"], method_SD="per")
    elif analysis == "PLSCF":
        algorithm = pLSCF(
            name=analysis,
            ordmax=settings["order_max"],
            ordmin=settings["order_min"],
            nxseg=settings["lags"],
            method_SD="cor",
        )
    else:
        algorithm = SSI(
            name=analysis,
            method="cov" if analysis == "SSI" else "dat",
            br=settings["block_rows"],
            ordmin=settings["order_min"],
            ordmax=settings["order_max"],
            step=settings["order_step"],
        )
    setup.add_algorithms(algorithm)
    start = time.perf_counter()
    setup.run_by_name(algorithm.name)
    setup.mpe(algorithm.name, sel_freq=selected)
    seconds = time.perf_counter() - start
    frequencies = [float(f) for f in np.atleast_1d(algorithm.result.Fn)]
    # VmHWM, not getrusage's ru_maxrss: on Linux a spawned process's ru_maxrss starts at its
    # parent's RSS (kept across exec), so it would count the bench's own memory.
    with open("/proc/self/status") as status:
        peak_rss_mb = int(re.search(r"VmHWM:\s+(\d+)", status.read()).group(1)) / 1024
    print(json.dumps({"seconds": seconds, "frequencies_hz": frequencies, "peak_rss_mb": peak_rss_mb}))


if __name__ == "__main__":
    main()
