import sys,json
def pct(xs,p):
    xs=sorted(xs); return xs[min(len(xs)-1,int(p*len(xs)))]
for f in sys.argv[1:]:
    rows=[list(map(int,l.split())) for l in open(f)]
    t_end=rows[-1][0]
    hold=[r for r in rows if r[0]>t_end-95000]
    for name,sel in [('all',rows),('last95s',hold)]:
        print(f, name,len(sel))
        for i,lab in [(1,'wait'),(2,'wall'),(3,'cpu')]:
            xs=[r[i]/1000 for r in sel]
            print(f"  {lab}: p50 {pct(xs,.5):.1f} p90 {pct(xs,.9):.1f} p99 {pct(xs,.99):.1f} max {max(xs):.1f} ms")
