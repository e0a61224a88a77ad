import os, sys, time, re, json
pid = sys.argv[1]; secs = float(sys.argv[2]); out = open(sys.argv[3], 'w')
hz = os.sysconf('SC_CLK_TCK')
def read():
    d = {}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            s = open(f'/proc/{pid}/task/{t}/stat').read()
        except OSError:
            continue
        comm = s[s.index('(')+1:s.rindex(')')]
        f = s[s.rindex(')')+2:].split()
        g = re.sub(r'[-#]?\d+$', '', comm)
        d[g] = d.get(g, 0) + int(f[11]) + int(f[12])
    return d
prev = read(); end = time.time() + secs
while time.time() < end:
    time.sleep(0.25)
    cur = read(); now = int(time.time()*1000)
    delta = {k: (v - prev.get(k, 0)) / hz for k, v in cur.items() if v - prev.get(k, 0) > 0}
    out.write(json.dumps([now, delta]) + '\n'); out.flush()
    prev = cur
