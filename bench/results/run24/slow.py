# slow.py SIGNINS.tsv THREADS.jsonl: the core's use by thread group (sampler.py's output) while the
# slow password checks (wall > 300 ms) of diag.patch's record ran, against the whole sampled window
import json, sys
rows = [list(map(int, l.split())) for l in open(sys.argv[1])]
samples = [json.loads(l) for l in open(sys.argv[2])]
t0, t1 = samples[0][0], samples[-1][0]

def window(a, b):
    tot, n = {}, 0
    for ts, d in samples:
        if a < ts <= b + 250:
            n += 1
            for k, v in d.items():
                tot[k] = tot.get(k, 0) + v
    return tot, n * 0.25

def show(title, tot, secs):
    print(title)
    for k, v in sorted(tot.items(), key=lambda x: -x[1])[:8]:
        print('  %-20s %.3f cores' % (k, v / secs))

show('whole sampled window', *window(t0, t1))
slow = [r for r in rows if t0 + 1000 < r[0] <= t1 and r[2] > 300_000]
agg, secs = {}, 0
for r in slow:
    tot, s = window(r[0] - r[2] // 1000, r[0])
    secs += s
    for k, v in tot.items():
        agg[k] = agg.get(k, 0) + v
show('during the %d slow checks' % len(slow), agg, secs)
