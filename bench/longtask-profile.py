#!/usr/bin/env python3
"""For each main-thread task longer than MIN ms in a Chromium trace holding V8 CPU profile
events (bench/import-bench.mjs with BENCH_TRACE, BENCH_NO_MINIFY=1 for names): self time per
function and the heaviest stacks inside that task.
  python3 bench/longtask-profile.py trace.json [min_ms]"""
import collections, json, sys
trace = json.load(open(sys.argv[1]))
MIN = float(sys.argv[2]) if len(sys.argv) > 2 else 200
events = trace['traceEvents'] if isinstance(trace, dict) else trace
names = {}
for e in events:
    if e.get('ph') == 'M' and e.get('name') == 'thread_name':
        names[(e['pid'], e['tid'])] = e['args']['name']
main = [k for k, v in names.items() if v == 'CrRendererMain']
tasks = [e for e in events if e.get('name') in ('RunTask','ThreadControllerImpl::RunTask') and e.get('ph') == 'X' and (e['pid'], e['tid']) in main and e.get('dur', 0) > MIN * 1000]
profiles = collections.defaultdict(lambda: {'nodes': {}, 'samples': [], 'deltas': [], 'start': 0, 'thread': None})
for e in events:
    if e.get('name') == 'Profile':
        profiles[(e['pid'], e['id'])]['start'] = e['args']['data'].get('startTime', 0)
        profiles[(e['pid'], e['id'])]['thread'] = (e['pid'], e['tid'])
    if e.get('name') == 'ProfileChunk':
        p = profiles[(e['pid'], e['id'])]
        d = e['args']['data']; cpu = d.get('cpuProfile', {})
        for n in cpu.get('nodes', []):
            p['nodes'][n['id']] = n
        p['samples'] += cpu.get('samples', []); p['deltas'] += d.get('timeDeltas', [])
for t in sorted(tasks, key=lambda e: e['ts']):
    print(f"\n=== task at {t['ts']} dur {t['dur']/1000:.0f} ms")
    self = collections.Counter(); stacks = collections.Counter()
    for p in profiles.values():
        if p['thread'] not in main: continue
        parent = {}
        for n in p['nodes'].values():
            if 'parent' in n: parent[n['id']] = n['parent']
            for c in n.get('children', []): parent[c] = n['id']
        ts = p['start']
        for s, dlt in zip(p['samples'], p['deltas']):
            ts += dlt
            if t['ts'] <= ts <= t['ts'] + t['dur']:
                n = p['nodes'][s]; cf = n['callFrame']
                self[f"{cf['functionName'] or '(anon)'} {cf.get('url','').split('/')[-1]}:{cf.get('lineNumber',-1)}"] += 1
                chain = []; i = s
                while i in p['nodes'] and len(chain) < 60:
                    cf = p['nodes'][i]['callFrame']; chain.append((cf['functionName'] or '(anon)')+':'+str(cf.get('lineNumber',-1))); i = parent.get(i)
                stacks[' < '.join(chain[:14])] += 1
    tot = sum(self.values())
    print(f"samples {tot}")
    for k, v in self.most_common(15): print(f"  {v:5d} {k}")
    print(" stacks:")
    for k, v in stacks.most_common(6): print(f"  {v:5d} {k}")
