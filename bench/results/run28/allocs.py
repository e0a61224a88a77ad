# allocs.py FILE.collapsed.gz: bytes allocated by the nearest Parley frame, and by type
import gzip,sys,collections
f=sys.argv[1]; by=collections.Counter(); typ=collections.Counter(); tot=0
for line in gzip.open(f,'rt'):
    stack,n=line.rsplit(' ',1); n=int(n); tot+=n
    fr=stack.split(';')
    typ[fr[-1]]+=n
    key=None
    for x in reversed(fr):
        if x.startswith('dev/parley'): key=x; break
    by[key or fr[0].split(' ')[0]]+=n
print('total MB', tot/1e6)
for k,v in by.most_common(25): print(f"{v/1e6:8.1f} MB {k}")
print()
for k,v in typ.most_common(15): print(f"{v/1e6:8.1f} MB {k}")
