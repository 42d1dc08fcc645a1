#!/usr/bin/env python3
# Where the CPU went before the console's window showed: each thread's CPU (from /proc, read-only) of the console's JVM
# at the moment it says "window shown", one line per thread group, averaged over RUNS starts (a start that records the
# start-up cache, the first after a build, is not counted: the launcher then waits on the JVM instead of becoming it). Needs a display and a build:
#   xvfb-run -a -s "-screen 0 1600x1000x24" python3 desktop/bench/cpu-at-window.py ./opsdeck 3
# With the cache, the launcher execs the JVM, so the process started is the JVM (OPSDECK_AOT=off: the same).
import collections, os, re, shutil, subprocess, sys, tempfile, time
launcher = sys.argv[1]; runs = int(sys.argv[2]); tick = os.sysconf('SC_CLK_TCK')
data = tempfile.mkdtemp()
agg = collections.defaultdict(list); tot = []; walls = []
attempts = 0
while len(walls) < runs and attempts < runs + 5:
    attempts += 1
    t0 = time.monotonic()
    p = subprocess.Popen([launcher, '--pace', '0', '--log-level', 'info', '--data-dir', data], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    snap = {}
    jvm = False
    for line in p.stdout:
        if 'window shown' in line:
            wall = (time.monotonic() - t0) * 1000
            with open(f'/proc/{p.pid}/comm') as comm:
                jvm = comm.read().strip() == 'java'
            for t in os.listdir(f'/proc/{p.pid}/task'):
                try:
                    st = open(f'/proc/{p.pid}/task/{t}/stat').read()
                    comm = st[st.index('(') + 1:st.rindex(')')]
                    f = st[st.rindex(')') + 2:].split()
                    cpu = (int(f[11]) + int(f[12])) * 1000 / tick
                    comm = re.sub(r'\d+$', 'N', comm)
                    snap[comm] = snap.get(comm, 0) + cpu
                except Exception: pass
            break
    p.terminate(); p.wait()
    if not jvm:
        continue
    walls.append(wall); tot.append(sum(snap.values()))
    for k, v in snap.items(): agg[k].append(v)
print('window wall ms', [round(w) for w in walls], 'process cpu ms', [round(t) for t in tot])
for k, v in sorted(agg.items(), key=lambda kv: -sum(kv[1])):
    if sum(v) / len(v) >= 10: print(f'{k:28s} {round(sum(v)/len(v)):5d} ms  {[round(x) for x in v]}')
shutil.rmtree(data, ignore_errors=True)
