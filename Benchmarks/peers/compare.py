#!/usr/bin/env python3
"""Nuanqi against the solvers a user would pick instead, side by side in one run.

For each workload the script makes one instance (through `nuanqi generate`, numpy with a fixed
seed, or Beasley's OR-Library files in ../shared/benchmarks/orlib), solves it with nuanqi and
with every peer that installed, checks that all of them reach the same optimum, and prints one
Markdown table: each solver's solve time (the solve call alone; nuanqi's from `--timings`) and
whole-process time (start to exit, reading included), and on nuanqi's row the ratio of its solve
time to the best peer's.

Peers (pip, into a virtual environment the script makes): SciPy `linear_sum_assignment` and
`min_weight_full_bipartite_matching`, `lap` (LAPJV, LAPMOD), OR-Tools `LinearSumAssignment` and
`SimpleMinCostFlow`, HiGHS (`highspy`) on the LP, the `matching` package's HospitalResident;
and GLPK's own `glpsol` on the exported model when it is on the PATH (Debian: glpk-utils).
A peer that is missing, fails or runs out of time is reported as such; only a disagreement on
the optimum makes the script exit non-zero.

    python3 Benchmarks/peers/compare.py            # the full table (about 20 minutes)
    python3 Benchmarks/peers/compare.py --smoke    # small sizes, proves the harness (CI)

Peers solve the model nuanqi exports with `--export-model` (`.min` DIMACS networks, `.lp`
CPLEX-LP files), so every solver works on the same instance. For the matching and pure transportation
workloads that is the network of the final, cost phase, with the first phase's decisions
(coverage, weighted met grams) fixed: nuanqi's own solve time there covers both phases, and
`nuanqi flow` on the exported file gives its time for that one network.
"""

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ORLIB = os.path.join(os.path.dirname(ROOT), "shared", "benchmarks", "orlib")
PACKAGES = ["numpy", "scipy", "lap", "ortools", "highspy", "matching"]

# --------------------------------------------------------------------------------------------
# Peer side: runs inside the virtual environment, one solver per process, prints JSON.
# --------------------------------------------------------------------------------------------


def read_dimacs(path):
    import numpy as np
    supplies, tails, heads, lows, caps, costs = {}, [], [], [], [], []
    nodes = 0
    with open(path) as handle:
        for line in handle:
            if line.startswith("a "):
                _, u, v, low, cap, cost = line.split()
                tails.append(int(u) - 1); heads.append(int(v) - 1)
                lows.append(int(low)); caps.append(int(cap)); costs.append(int(cost))
            elif line.startswith("n "):
                _, node, supply = line.split()
                supplies[int(node) - 1] = int(supply)
            elif line.startswith("p "):
                nodes = int(line.split()[2])
    supply = np.zeros(nodes, dtype=np.int64)
    for node, value in supplies.items():
        supply[node] = value
    return (nodes, supply, np.array(tails, dtype=np.int64), np.array(heads, dtype=np.int64),
            np.array(lows, dtype=np.int64), np.array(caps, dtype=np.int64), np.array(costs, dtype=np.int64))


def peer_dense(solver, path):
    import numpy as np
    costs = np.load(path)
    n = costs.shape[0]
    if solver == "scipy":
        from scipy.optimize import linear_sum_assignment
        start = time.perf_counter()
        rows, cols = linear_sum_assignment(costs)
        elapsed = time.perf_counter() - start
        return int(costs[rows, cols].sum()), elapsed
    if solver == "lap":
        import lap
        matrix = costs.astype(np.float64)
        start = time.perf_counter()
        _, x, _ = lap.lapjv(matrix)
        elapsed = time.perf_counter() - start
        return int(costs[np.arange(n), x].sum()), elapsed
    if solver == "ortools-lsa":
        from ortools.graph.python import linear_sum_assignment
        start = time.perf_counter()
        assignment = linear_sum_assignment.SimpleLinearSumAssignment()
        assignment.add_arcs_with_cost(np.repeat(np.arange(n), n), np.tile(np.arange(n), n), costs.ravel())
        status = assignment.solve()
        elapsed = time.perf_counter() - start
        assert status == assignment.OPTIMAL, status
        return int(assignment.optimal_cost()), elapsed
    raise KeyError(solver)


def peer_sparse(solver, path):
    import numpy as np
    data = np.load(path)
    n, rows, cols, costs = int(data["n"]), data["rows"], data["cols"], data["costs"]
    if solver == "scipy":
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import min_weight_full_bipartite_matching
        matrix = csr_matrix((costs.astype(np.float64), (rows, cols)), shape=(n, n))
        start = time.perf_counter()
        matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
        elapsed = time.perf_counter() - start
        return int(round(matrix[matched_rows, matched_cols].sum())), elapsed
    if solver == "lap":
        import lap
        order = np.lexsort((cols, rows))
        r, c, w = rows[order], cols[order], costs[order].astype(np.float64)
        starts = np.searchsorted(r, np.arange(n + 1)).astype(np.int32)
        start = time.perf_counter()
        _, x, _ = lap.lapmod(n, w, starts, c.astype(np.int32))
        elapsed = time.perf_counter() - start
        lookup = {(int(a), int(b)): int(v) for a, b, v in zip(rows, cols, costs)}
        return sum(lookup[(i, int(x[i]))] for i in range(n)), elapsed
    if solver == "ortools-lsa":
        from ortools.graph.python import linear_sum_assignment
        start = time.perf_counter()
        assignment = linear_sum_assignment.SimpleLinearSumAssignment()
        assignment.add_arcs_with_cost(rows, cols, costs)
        status = assignment.solve()
        elapsed = time.perf_counter() - start
        assert status == assignment.OPTIMAL, status
        return int(assignment.optimal_cost()), elapsed
    raise KeyError(solver)


def peer_network(solver, path):
    import numpy as np
    nodes, supply, tails, heads, lows, caps, costs = read_dimacs(path)
    if solver == "ortools-mcf":
        from ortools.graph.python import min_cost_flow
        # OR-Tools has no lower bounds: send them up front (the standard reduction).
        shifted = supply.copy()
        np.subtract.at(shifted, tails, lows)
        np.add.at(shifted, heads, lows)
        constant = int((lows * costs).sum())
        start = time.perf_counter()
        flow = min_cost_flow.SimpleMinCostFlow()
        flow.add_arcs_with_capacity_and_unit_cost(tails, heads, caps - lows, costs)
        flow.set_nodes_supplies(np.arange(nodes), shifted)
        status = flow.solve()
        elapsed = time.perf_counter() - start
        assert status == flow.OPTIMAL, status
        return int(flow.optimal_cost()) + constant, elapsed
    if solver == "highs":
        import highspy
        from scipy.sparse import csc_matrix
        arcs = len(tails)
        incidence = csc_matrix((np.concatenate([np.ones(arcs), -np.ones(arcs)]),
                                (np.concatenate([tails, heads]), np.concatenate([np.arange(arcs)] * 2))),
                               shape=(nodes, arcs))
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = arcs, nodes
        lp.col_cost_ = costs.astype(np.float64)
        lp.col_lower_, lp.col_upper_ = lows.astype(np.float64), caps.astype(np.float64)
        lp.row_lower_ = lp.row_upper_ = supply.astype(np.float64)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_, lp.a_matrix_.index_, lp.a_matrix_.value_ = incidence.indptr, incidence.indices, incidence.data
        highs = highspy.Highs()
        highs.setOptionValue("output_flag", False)
        highs.passModel(lp)
        start = time.perf_counter()
        highs.run()
        elapsed = time.perf_counter() - start
        assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal, highs.getModelStatus()
        return int(round(highs.getInfo().objective_function_value)), elapsed
    raise KeyError(solver)


def peer_program(solver, path):
    import highspy
    assert solver == "highs"
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    highs.readModel(path)
    start = time.perf_counter()
    highs.run()
    elapsed = time.perf_counter() - start
    assert highs.getModelStatus() == highspy.HighsModelStatus.kOptimal, highs.getModelStatus()
    return highs.getInfo().objective_function_value, elapsed


def peer_stable(solver, path):
    assert solver == "matching"
    from matching.games import HospitalResident
    import threading
    with open(path) as handle:
        market = json.load(handle)
    # The package recurses once per proposal: give it the depth and the stack for that.
    sys.setrecursionlimit(10_000_000)
    threading.stack_size(1 << 29)
    outcome = {}

    def solve():
        game = HospitalResident.create_from_dictionaries(market["residents"], market["hospitals"], market["capacities"])
        start = time.perf_counter()
        outcome["result"] = game.solve(optimal="resident")
        outcome["elapsed"] = time.perf_counter() - start

    worker = threading.Thread(target=solve)
    worker.start()
    worker.join()
    result, elapsed = outcome["result"], outcome["elapsed"]
    pairs = sorted((str(resident), str(hospital)) for hospital, residents in result.items() for resident in residents)
    return digest(pairs), elapsed


def digest(pairs):
    return "%d pairs, sha256 %s" % (len(pairs), hashlib.sha256(repr(sorted(pairs)).encode()).hexdigest()[:12])


def run_peer(kind, solver, path):
    objective, elapsed = {"dense": peer_dense, "sparse": peer_sparse, "network": peer_network,
                          "program": peer_program, "stable": peer_stable}[kind](solver, path)
    print(json.dumps({"objective": objective, "solve": elapsed}))


# --------------------------------------------------------------------------------------------
# Orchestration: runs with any python3, makes the instances, starts every solver as a process.
# --------------------------------------------------------------------------------------------


class Harness:
    def __init__(self, args):
        self.args = args
        self.work = os.path.abspath(args.work)
        os.makedirs(self.work, exist_ok=True)
        self.rows = []
        self.disagreements = []
        self.nuanqi = args.nuanqi or self.build_nuanqi()
        self.python, self.installed = self.make_venv()
        self.glpsol = shutil.which("glpsol")

    def build_nuanqi(self):
        subprocess.run(["swift", "build", "-c", "release", "--product", "nuanqi"], cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
        path = subprocess.run(["swift", "build", "-c", "release", "--show-bin-path"], cwd=ROOT, check=True,
                              capture_output=True, text=True).stdout.strip()
        return os.path.join(path, "nuanqi")

    def make_venv(self):
        venv = os.path.abspath(self.args.venv)
        python = os.path.join(venv, "bin", "python")
        if not os.path.exists(python):
            subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        installed = {}
        for package in PACKAGES:
            probe = subprocess.run([python, "-c", "import %s" % package], capture_output=True)
            if probe.returncode != 0:
                pip = subprocess.run([python, "-m", "pip", "install", "-q", package], capture_output=True, text=True)
                if pip.returncode != 0:
                    print("peer package %s did not install: %s" % (package, pip.stderr.strip().splitlines()[-1:]), file=sys.stderr)
                probe = subprocess.run([python, "-c", "import %s" % package], capture_output=True)
            installed[package] = probe.returncode == 0
        return python, installed

    def file(self, name):
        return os.path.join(self.work, name)

    # -- running solvers ---------------------------------------------------------------------

    def timed(self, command):
        start = time.perf_counter()
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=self.args.timeout)
        except subprocess.TimeoutExpired:
            return None, time.perf_counter() - start, "timeout after %d s" % self.args.timeout
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            return None, elapsed, "failed: " + (done.stderr.strip().splitlines() or ["exit %d" % done.returncode])[-1][:120]
        return done.stdout, elapsed, None

    def nuanqi_run(self, arguments, objective_of):
        timings = self.file("timings.json")
        output = self.file("result.json")
        _, process, problem = self.timed([self.nuanqi] + arguments + ["--out", output, "--timings", timings])
        if problem:
            return {"solver": "nuanqi " + arguments[0], "problem": problem, "process": process}
        with open(timings) as handle:
            phases = {phase["phase"]: phase["seconds"] for phase in json.load(handle)["phases"]}
        with open(output) as handle:
            result = json.load(handle)
        return {"solver": "nuanqi " + arguments[0], "objective": objective_of(result), "solve": phases["solve"],
                "process": process, "result": result}

    def peer_run(self, kind, solver, package, path):
        name = solver
        if not self.installed.get(package, False):
            return {"solver": name, "problem": "missing (pip install %s failed)" % package}
        stdout, process, problem = self.timed([self.python, os.path.abspath(__file__), "--peer", kind, solver, path])
        if problem:
            return {"solver": name, "problem": problem, "process": process}
        answer = json.loads(stdout.strip().splitlines()[-1])
        return {"solver": name, "objective": answer["objective"], "solve": answer["solve"], "process": process}

    def glpsol_run(self, flag, path, scale=1):
        if not self.glpsol:
            return {"solver": "glpsol", "problem": "missing (install Debian's glpk-utils)"}
        solution = self.file("glpsol.out")
        stdout, process, problem = self.timed([self.glpsol, flag, path, "-o", solution])
        if problem:
            return {"solver": "glpsol", "problem": problem, "process": process}
        with open(solution) as handle:
            match = re.search(r"Objective:\s+\S+\s*=\s*(\S+)|Objective:\s+(\S+)", handle.read())
        value = float(match.group(1) or match.group(2))
        used = re.search(r"Time used:\s+([\d.]+)", stdout)
        # glpsol reports whole tenths of a second; 0.0 means "too short to say".
        solve = float(used.group(1)) if used else 0.0
        return {"solver": "glpsol", "objective": value * scale, "solve": solve or None, "process": process}

    # -- reporting ---------------------------------------------------------------------------

    def record(self, workload, size, runs, tolerance=0.0, nuanqi_rows=1):
        reference = next((run["objective"] for run in runs if "objective" in run), None)
        for run in runs:
            if "objective" in run and reference is not None:
                if isinstance(reference, (int, float)):
                    # glpsol prints its objective to 10 significant digits.
                    slack = max(tolerance, abs(reference) * 1e-9 if run["solver"] == "glpsol" else 0)
                    same = abs(run["objective"] - reference) <= slack
                else:
                    same = run["objective"] == reference
                run["agrees"] = same
                if not same:
                    self.disagreements.append("%s %s: %s gives %s, %s gives %s" % (workload, size, runs[0]["solver"], reference, run["solver"], run["objective"]))
        peers = [run for run in runs[nuanqi_rows:] if run.get("solve") and run.get("agrees")]
        best = min(peers, key=lambda run: run["solve"]) if peers else None
        for index, run in enumerate(runs):
            ratio = ""
            if index < nuanqi_rows and best and run.get("solve"):
                ratio = "%.2f× %s" % (run["solve"] / best["solve"], best["solver"])
            self.rows.append((workload if index == 0 else "", size if index == 0 else "", run, ratio))
        print("\n".join(self.table_rows()[-len(runs):]), flush=True)

    def table_rows(self):
        lines = []
        for workload, size, run, ratio in self.rows:
            if "problem" in run:
                lines.append("| %s | %s | %s | – | %s | %s | |" % (workload, size, run["solver"],
                             "%.2f s" % run["process"] if run.get("process") else "–", run["problem"]))
                continue
            objective = run["objective"]
            shown = ("%.6g" % objective if isinstance(objective, float) else str(objective))
            lines.append("| %s | %s | %s | %s | %.2f s | %s%s | %s |" % (
                workload, size, run["solver"], seconds(run.get("solve")), run["process"], shown,
                "" if run.get("agrees", True) else " ✗ DIFFERS", ratio))
        return lines

    def table(self):
        header = ["| workload | size | solver | solve | process | optimum | nuanqi / best peer (solve) |",
                  "|---|---|---|---|---|---|---|"]
        return "\n".join(header + self.table_rows())

    # -- workloads ---------------------------------------------------------------------------

    def dense(self, n):
        import_numpy = [self.python, "-c",
                        "import numpy as np; r=np.random.default_rng(%d); c=r.integers(0, 100000, size=(%d,%d));"
                        "np.save('%s', c); np.savetxt('%s', c, fmt='%%d', delimiter=',')"
                        % (n, n, n, self.file("dense.npy"), self.file("dense.csv"))]
        if not self.installed.get("numpy"):
            self.rows.append(("dense LAP", "n = %d" % n, {"solver": "all", "problem": "numpy missing"}, ""))
            return
        subprocess.run(import_numpy, check=True)
        runs = [self.nuanqi_run(["assign", self.file("dense.csv")], lambda result: int(result["objective"]))]
        for solver, package in [("scipy", "scipy"), ("lap", "lap"), ("ortools-lsa", "ortools")]:
            runs.append(self.peer_run("dense", solver, package, self.file("dense.npy")))
        self.record("dense LAP", "n = %d" % n, runs)

    def orlib(self, name):
        path = os.path.join(ORLIB, name + ".txt")
        if not os.path.exists(path):
            self.rows.append(("OR-Library", name, {"solver": "all", "problem": "%s not found" % path}, ""))
            return
        sparse = name.startswith("assignp")
        convert = ("import numpy as np\nv=np.array(open('%s').read().split(),dtype=np.int64)\nn=int(v[0])\n" % path
                   + ("t=v[1:].reshape(-1,3)\nnp.savez('%s',n=n,rows=t[:,0]-1,cols=t[:,1]-1,costs=t[:,2])\n" % self.file("orlib.npz")
                      if sparse else "np.save('%s', v[1:].reshape(n,n))\n" % self.file("orlib.npy")))
        if not self.installed.get("numpy"):
            self.rows.append(("OR-Library", name, {"solver": "all", "problem": "numpy missing"}, ""))
            return
        subprocess.run([self.python, "-c", convert], check=True)
        runs = [self.nuanqi_run(["assign", path, "--format", "orlib-sparse" if sparse else "orlib"], lambda result: int(result["objective"]))]
        for solver, package in [("scipy", "scipy"), ("lap", "lap"), ("ortools-lsa", "ortools")]:
            runs.append(self.peer_run("sparse" if sparse else "dense", solver, package, self.file("orlib.npz" if sparse else "orlib.npy")))
        self.record("OR-Library", name, runs)

    def many_to_one(self, cadres, enterprises):
        instance = self.file("match.json")
        subprocess.run([self.nuanqi, "generate", "match", "--cadres", str(cadres), "--enterprises", str(enterprises),
                        "--candidates", "50", "--seed", "7", "--out", instance], check=True)
        network = self.file("match.min")
        # Phase 2's optimal cost is minus the optimal score in millionths.
        score = lambda result: -round(float(result["objective"]) * 1_000_000)
        runs = [self.nuanqi_run(["match", instance, "--export-model", network], score)]
        runs.append(self.nuanqi_run(["flow", network], lambda result: result["cost"]))
        runs += self.network_peers(network)
        self.record("many-to-one matching (capacities, key projects, forbidden pairs)", "%d × %d × 50" % (cadres, enterprises), runs, nuanqi_rows=2)

    def network_peers(self, network):
        return [self.peer_run("network", "ortools-mcf", "ortools", network),
                self.peer_run("network", "highs", "highspy", network),
                self.glpsol_run("--mincost", network)]

    def stable(self, cadres):
        import random
        generator = random.Random(cadres)
        enterprises = cadres // 4
        capacities = {"E%d" % e: generator.randint(2, 6) for e in range(enterprises)}
        residents = {"C%d" % c: ["E%d" % e for e in generator.sample(range(enterprises), 50)] for c in range(cadres)}
        applicants = {hospital: [] for hospital in capacities}
        for resident, wanted in residents.items():
            for hospital in wanted:
                applicants[hospital].append(resident)
        for hospital in applicants:
            generator.shuffle(applicants[hospital])
        with open(self.file("stable-peer.json"), "w") as handle:
            json.dump({"residents": residents, "hospitals": applicants, "capacities": capacities}, handle)
        document = {"format": "nuanqi.match/1",
                    "policy": {"mode": "stable", "proposing": "cadres", "mutualConsent": True},
                    "cadres": [{"id": resident, "capacity": 1, "ranking": wanted} for resident, wanted in residents.items()],
                    "enterprises": [{"id": hospital, "capacity": capacities[hospital], "ranking": applicants[hospital]}
                                    for hospital in capacities]}
        with open(self.file("stable.json"), "w") as handle:
            json.dump(document, handle)
        pairs = lambda result: digest([(a["cadre"], a["enterprise"]) for a in result["assignments"]])
        runs = [self.nuanqi_run(["match", self.file("stable.json")], pairs),
                self.peer_run("stable", "matching", "matching", self.file("stable-peer.json"))]
        self.record("stable matching (cadres propose, 50-long lists)", "%d cadres, %d enterprises" % (cadres, enterprises), runs)

    def transport_pure(self, size):
        market = self.file("market.json")
        subprocess.run([self.nuanqi, "generate", "broker", "--sellers", str(size), "--buyers", str(size), "--regions", "11",
                        "--seed", "9", "--pure", "--out", market], check=True)
        network = self.file("market.min")
        # Σ perTonneYearFen × grams, the cost phase's objective.
        cost = lambda result: sum(trade["perTonneYearFen"] * trade["grams"] for trade in result["trades"])
        runs = [self.nuanqi_run(["broker", market, "--export-model", network], cost)]
        runs.append(self.nuanqi_run(["flow", network], lambda result: result["cost"]))
        runs += self.network_peers(network)
        self.record("transportation, pure (ratio 1)", "%d × %d × 2 pollutants" % (size, size), runs, nuanqi_rows=2)

    def transport_ratios(self, size):
        market = self.file("ratios.json")
        subprocess.run([self.nuanqi, "generate", "broker", "--sellers", str(size), "--buyers", str(size), "--regions", "11",
                        "--seed", "9", "--out", market], check=True)
        program = self.file("ratios.lp")
        weighted = lambda result: float(result["weightedMetGrams"])
        runs = [self.nuanqi_run(["broker", market, "--solver", "glpk", "--prices", "0", "--export-model", program], weighted),
                self.peer_run("program", "highs", "highspy", program),
                self.glpsol_run("--lp", program)]
        # Stage 1 of the exact integer program (whole grams): peers solve the exported MIP.
        self.record("transportation with ratios (stage-1 MIP)", "%d × %d × 2 pollutants" % (size, size), runs, tolerance=1.0)

    def transport_ratios_native(self, size):
        market = self.file("ratios-native.json")
        subprocess.run([self.nuanqi, "generate", "broker", "--sellers", str(size), "--buyers", str(size), "--regions", "11",
                        "--seed", "9", "--out", market], check=True)
        run = self.nuanqi_run(["broker", market, "--solver", "native"], lambda result: result["weightedMetGrams"])
        if "result" in run:
            result = run["result"]
            run["objective"] = "%d of bound %d" % (result["weightedMetGrams"], result["weightedMetBound"])
        self.record("transportation with ratios (native heuristic; no peer solves the 10^7-pair LP)", "%d × %d × 2 pollutants" % (size, size), [run])


def seconds(value):
    if value is None:
        return "–"
    return "%.1f ms" % (value * 1000) if value < 1 else "%.2f s" % value


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--peer":
        run_peer(*sys.argv[2:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes only (CI: proves the harness, no timing claims)")
    parser.add_argument("--nuanqi", help="the nuanqi executable (default: build it in release)")
    parser.add_argument("--venv", default=os.path.join(ROOT, ".build-peers", "venv"), help="virtual environment for the peers")
    parser.add_argument("--work", default=os.path.join(ROOT, ".build-peers", "work"), help="folder for instances and outputs")
    parser.add_argument("--timeout", type=int, default=120, help="seconds any one solver may take")
    parser.add_argument("--out", help="also write the Markdown table here")
    parser.add_argument("--only", help="run only workloads whose name contains this")
    args = parser.parse_args()
    harness = Harness(args)
    smoke = args.smoke
    workloads = [
        ("dense", lambda: [harness.dense(n) for n in ([200] if smoke else [1000, 2000, 5000])]),
        ("orlib", lambda: [harness.orlib(name) for name in (["assign100", "assignp800"] if smoke else
                           ["assign%d" % n for n in range(100, 900, 100)] + ["assignp800", "assignp1500", "assignp3000", "assignp5000"])]),
        ("matching", lambda: harness.many_to_one(*((50, 100) if smoke else (10_000, 10_000)))),
        ("stable", lambda: [harness.stable(n) for n in ([1000] if smoke else [10_000, 30_000, 100_000])]),
        ("pure", lambda: harness.transport_pure(200 if smoke else 10_000)),
        ("ratios", lambda: harness.transport_ratios(100 if smoke else 1_000)),
        ("ratios-native", lambda: harness.transport_ratios_native(200 if smoke else 10_000)),
    ]
    print("| workload | size | solver | solve | process | optimum | nuanqi / best peer (solve) |\n|---|---|---|---|---|---|---|", flush=True)
    for name, run in workloads:
        if args.only and args.only not in name:
            continue
        run()
    table = harness.table()
    machine = "%s, %d cores, Python %s, peers: %s; glpsol %s" % (
        os.uname().machine, os.cpu_count(), sys.version.split()[0],
        ", ".join("%s %s" % (package, "yes" if ok else "missing") for package, ok in harness.installed.items()),
        "yes" if harness.glpsol else "missing")
    if args.out:
        with open(args.out, "w") as handle:
            handle.write(table + "\n\n" + machine + "\n")
    print("\n" + machine)
    if harness.disagreements:
        print("\nDISAGREEMENTS:\n" + "\n".join(harness.disagreements), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
