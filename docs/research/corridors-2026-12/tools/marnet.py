import json, math, heapq, sys
R=6371.0
def hav(a,b):
    lon1,lat1=a; lon2,lat2=b
    p1,p2=math.radians(lat1),math.radians(lat2)
    dp=p2-p1; dl=math.radians(lon2-lon1)
    h=math.sin(dp/2)**2+math.cos(p1)*math.cos(p2)*math.sin(dl/2)**2
    return 2*R*math.asin(math.sqrt(h))
d=json.load(open('/work/shared/data/marnet/marnet_plus_20km.geojson'))
EXCL={'northwest','northeast','magellan','panama','kiel','corinth','nwp','nep'}
adj={}; passes={}
def key(c): return (round(c[0],5),round(c[1],5))
npass=set()
for f in d['features']:
    p=f['properties'].get('pass'); 
    if p: npass.add(p)
    if p and p.lower() in EXCL: continue
    cs=f['geometry']['coordinates']
    if f['geometry']['type']=='MultiLineString': parts=cs
    else: parts=[cs]
    for cs in parts:
      for a,b in zip(cs,cs[1:]):
        ka,kb=key(a),key(b); w=hav(ka,kb)
        adj.setdefault(ka,[]).append((kb,w,p)); adj.setdefault(kb,[]).append((ka,w,p))
nodes=list(adj)
def snap(lat,lon):
    best=min(nodes,key=lambda n:hav(n,(lon,lat)))
    return best,hav(best,(lon,lat))
def route(a,b):
    sa,da=snap(*a); sb,db=snap(*b)
    dist={sa:0}; prev={}; pq=[(0,sa)]
    while pq:
        dd,u=heapq.heappop(pq)
        if u==sb: break
        if dd>dist[u]: continue
        for v,w,p in adj[u]:
            nd=dd+w
            if nd<dist.get(v,1e18): dist[v]=nd; prev[v]=(u,p); heapq.heappush(pq,(nd,v))
    ps=set(); u=sb
    while u!=sa:
        u,p=prev[u]
        if p: ps.add(p)
    return dist[sb],da,db,ps
if __name__=='__main__':
    print(sorted(npass))
    P=json.load(open(sys.argv[1]))
    for name,a,b in P:
        km,da,db,ps=route(tuple(a),tuple(b))
        print(f"{name}\t{km:.1f} km\t{km/1.852:.0f} nm\tsnap {da:.0f}/{db:.0f} km\t{'|'.join(sorted(ps))}")
