# gcsum.py GCLOG FROM_S: young pauses from FROM_S seconds on (the step's settle and hold):
# how many, their total and longest, and the heap allocated per second between them
import re, sys
log, start = sys.argv[1], float(sys.argv[2])
rows = []
for line in open(log):
    m = re.search(r'\[([\d.]+)s\].*Pause Young.* (\d+)M->(\d+)M\(\d+M\) ([\d.]+)ms', line)
    if m: rows.append(tuple(float(x) for x in m.groups()))
rows = [r for r in rows if r[0] >= start]
if len(rows) < 2: sys.exit(print("fewer than two pauses"))
alloc = sum(rows[i][1] - rows[i - 1][2] for i in range(1, len(rows)))
span = rows[-1][0] - rows[0][0]
print(f"{len(rows)} pauses, {sum(r[3] for r in rows):.0f} ms in all, longest {max(r[3] for r in rows):.1f} ms, "
      f"{alloc / span:.0f} MB/s allocated, over {span:.0f} s")
