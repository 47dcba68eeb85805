#!/usr/bin/env python3
"""Self and inclusive CPU time per function, per thread, from a Chromium trace holding V8's
CPU profiler events (bench/import-bench.mjs with BENCH_TRACE=file.json).
  python3 bench/trace-profile.py trace.json [top] [filter]"""
import collections
import json
import sys

trace = json.load(open(sys.argv[1]))
events = trace['traceEvents'] if isinstance(trace, dict) else trace
top = int(sys.argv[2]) if len(sys.argv) > 2 else 40
needle = sys.argv[3] if len(sys.argv) > 3 else ''
names = {}
profiles = collections.defaultdict(lambda: {'nodes': {}, 'samples': [], 'deltas': [], 'thread': None})
for e in events:
    if e.get('ph') == 'M' and e.get('name') == 'thread_name':
        names[(e['pid'], e['tid'])] = e['args']['name']
    if e.get('name') == 'Profile':
        profiles[(e['pid'], e['id'])]['start'] = e['args']['data'].get('startTime', 0)
    if e.get('name') == 'ProfileChunk':
        p = profiles[(e['pid'], e['id'])]
        p['thread'] = (e['pid'], e['tid'])
        data = e['args']['data']
        cpu = data.get('cpuProfile', {})
        for n in cpu.get('nodes', []):
            p['nodes'][n['id']] = n
        p['samples'] += cpu.get('samples', [])
        p['deltas'] += data.get('timeDeltas', [])


def label(node):
    frame = node['callFrame']
    url = frame.get('url', '').split('/')[-1].split('?')[0]
    return f"{frame.get('functionName') or '(anon)'} {url}:{frame.get('lineNumber', -1) + 1}"


for key, p in profiles.items():
    nodes = p['nodes']
    spent = collections.Counter()
    for sample, delta in zip(p['samples'], p['deltas']):
        spent[sample] += max(delta, 0)
    busy = sum(t for n, t in spent.items() if label(nodes[n]).split(' ')[0] not in ('(idle)',))
    if busy < 200_000:  # threads busy under 0.2 s
        continue
    # Busy time per tenth of the trace: which thread worked when (reading, then writing).
    first = min(p.get('start', 0) for p in profiles.values() if p.get('start'))
    last = max(
        p.get('start', first) + sum(d for d in p['deltas'] if d > 0) for p in profiles.values()
    )
    tenths = [0.0] * 10
    at = p.get('start', first)
    for sample, delta in zip(p['samples'], p['deltas']):
        at += max(delta, 0)
        if label(nodes[sample]).startswith('(idle)'):
            continue
        slot = min(9, max(0, int((at - first) * 10 / max(1, last - first))))
        tenths[slot] += max(delta, 0) / 1e6
    own = collections.Counter()
    inclusive = collections.Counter()
    for n, t in spent.items():
        own[label(nodes[n])] += t
        seen = set()
        x = n
        while x is not None and x in nodes:
            name = label(nodes[x])
            if name not in seen:
                inclusive[name] += t
                seen.add(name)
            x = nodes[x].get('parent')
    print(f"=== {names.get(p['thread'], p['thread'])}: busy {busy / 1e6:.1f} s")
    span = (last - first) / 1e6
    print(f'  busy per tenth of the {span:.0f} s traced (s): ' + ' / '.join(f'{t:.1f}' for t in tenths))
    print('  self:')
    for name, t in own.most_common(top):
        print(f'    {t / 1000:8.0f} ms  {name}')
    print('  inclusive:')
    shown = 0
    for name, t in inclusive.most_common():
        if needle in name:
            print(f'    {t / 1000:8.0f} ms  {name}')
            shown += 1
            if shown >= top * 2:
                break
