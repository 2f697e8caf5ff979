#!/usr/bin/env python3
"""Two builds of the tool side by side (docs/performance.md, "Octokit and Refit replaced"): the assemblies each
loads and the wall and CPU time to exit of three checks of the README sample (offline; with --comment against the
fake GitHub; live against the fake Secoda), every build and check interleaved in one run, medians.

    python3 tests/scripts/adapters-before-after.py BEFORE_DIR AFTER_DIR RUNS

Each DIR is a checkout with artifacts/tool/datacontracts.dll and artifacts/native/datacontracts (the publish
commands of docs/performance.md). Needs the Release build of tests/DataContracts.Benchmarks (serve-fakes) and the
Debug build of tests/DataContracts.Tests (its startup hook lists the loaded assemblies). Run from the repository root.
"""
import os, resource, subprocess, sys, time, statistics, tempfile

before, after, runs = sys.argv[1], sys.argv[2], int(sys.argv[3])
hook = os.path.abspath("tests/DataContracts.Tests/bin/Debug/net10.0/DataContracts.Tests.dll")
fake = subprocess.Popen(["dotnet", "tests/DataContracts.Benchmarks/bin/Release/net10.0/DataContracts.Benchmarks.dll", "serve-fakes", "samples/jaffle_shop/secoda-snapshot.json"],
                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
env = {}
while len(env) < 5:
    k, v = fake.stdout.readline().strip().split("=", 1)
    env[k] = v
github = {k: env[k] for k in ("GITHUB_API_URL", "GITHUB_TOKEN", "GITHUB_REPOSITORY")}
secoda = {k: env[k] for k in ("SECODA_API_URL", "SECODA_API_TOKEN")}
sample = ["check", "--contracts", "samples/jaffle_shop/datacontracts.yml", "--changed-files", "samples/jaffle_shop/changed-files.txt"]
checks = {
    "offline": (sample, {}),
    "--comment (GitHub)": (sample + ["--comment", "--pr", "7"], github),
    "live Secoda": (sample, secoda),
}
builds = {}
for name, d in (("before", before), ("after", after)):
    builds[f"{name} framework-dependent"] = ["dotnet", f"{d}/artifacts/tool/datacontracts.dll"]
    builds[f"{name} native"] = [f"{d}/artifacts/native/datacontracts"]

base_env = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "SECODA_"))}

cpu = []

def run(cmd, extra, more=None):
    e = dict(base_env, **extra, **(more or {}))
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(cmd, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    elapsed = (time.perf_counter() - start) * 1000
    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.append(((cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)) * 1000)
    if p.returncode not in (0, 1):
        raise SystemExit(f"{cmd} exited {p.returncode}: {p.stdout[-2000:]} {p.stderr[-2000:]}")
    return elapsed

print("assemblies loaded (framework-dependent builds, startup hook listing AppDomain assemblies at exit)")
loaded = {}
for bname, cmd in builds.items():
    if "native" in bname:
        continue
    for cname, (args, extra) in checks.items():
        with tempfile.NamedTemporaryFile(suffix=".txt", delete=False) as f:
            path = f.name
        run(cmd + args, extra, {"DOTNET_STARTUP_HOOKS": hook, "DATACONTRACTS_TEST_LOADED_ASSEMBLIES": path})
        names = sorted(n for n in open(path).read().splitlines() if n != "DataContracts.Tests")
        loaded[(bname, cname)] = set(names)
        print(f"  {bname:28} {cname:20} {len(names):3}  {' '.join(n for n in names if not n.startswith(('System', 'Microsoft.Win32', 'netstandard', 'Microsoft.CSharp')))}")

for cname in checks:
    gone = loaded[("before framework-dependent", cname)] - loaded[("after framework-dependent", cname)]
    new = loaded[("after framework-dependent", cname)] - loaded[("before framework-dependent", cname)]
    print(f"  {cname}: no longer loaded: {', '.join(sorted(gone)) or 'none'}; newly loaded: {', '.join(sorted(new)) or 'none'}")

times = {(b, c): [] for b in builds for c in checks}
cpus = {(b, c): [] for b in builds for c in checks}
for i in range(runs):
    for cname, (args, extra) in checks.items():
        for bname, cmd in builds.items():
            times[(bname, cname)].append(run(cmd + args, extra))
            cpus[(bname, cname)].append(cpu[-1])
print(f"\nwall and CPU (user+sys) time to exit, median of {runs}, interleaved (load average {os.getloadavg()[0]:.1f} at the end)")
for cname in checks:
    for kind in ("framework-dependent", "native"):
        b = statistics.median(times[(f"before {kind}", cname)])
        a = statistics.median(times[(f"after {kind}", cname)])
        cb = statistics.median(cpus[(f"before {kind}", cname)])
        ca = statistics.median(cpus[(f"after {kind}", cname)])
        print(f"  {cname:20} {kind:20} wall before {b:6.0f} ms after {a:6.0f} ms ratio {a / b:4.2f} | CPU before {cb:6.0f} ms after {ca:6.0f} ms ratio {ca / cb:4.2f}")
fake.stdin.close()
fake.wait()
