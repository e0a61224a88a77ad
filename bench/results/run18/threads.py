import os,sys,time,collections
pid=sys.argv[1]; secs=float(sys.argv[2])
def snap():
    r={}
    for t in os.listdir(f'/proc/{pid}/task'):
        try:
            st=open(f'/proc/{pid}/task/{t}/stat').read()
            name=st[st.index('(')+1:st.rindex(')')]
            f=st[st.rindex(')')+2:].split()
            r[t]=(name,int(f[11])+int(f[12]))
        except Exception: pass
    return r
a=snap(); time.sleep(secs); b=snap()
hz=os.sysconf('SC_CLK_TCK')
agg=collections.Counter()
for t,(n,v) in b.items():
    v0=a.get(t,(n,0))[1]
    import re
    agg[re.sub(r'\d+$','#',n)]+=(v-v0)/hz/secs
tot=sum(agg.values())
print(f"total {tot:.3f} cores")
for n,c in agg.most_common(12): print(f"  {c:.3f} {n}")
