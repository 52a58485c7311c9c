import { TARGET_COLORS } from "./styles";

/**
 * The mesh page's only JavaScript, inlined: polls `live.json` every `intervalMs` and patches the
 * split bars (weights move during rollouts), the rate cells and the rollout list in place, and
 * every `chartsEvery` polls redraws the route charts from `chartsUrl` (server-rendered SVG).
 * Written as plain browser JS in a string because the dashboard has no front-end build step; it
 * only ever writes `textContent` and style widths, and for charts moves in elements the server
 * rendered (escaped, like the page itself), so mesh data cannot inject markup.
 */
export function liveScript(liveUrl: string, chartsUrl: string, intervalMs = 2000, chartsEvery = 5): string {
  // JSON.stringify + escaping "<" keeps a hostile name from closing the <script> element.
  const rollouts = liveUrl.replace(/live\.json$/, "rollouts/");
  const cfg = JSON.stringify({ url: liveUrl, charts: chartsUrl, chartsEvery, rollouts, every: intervalMs, colors: TARGET_COLORS }).replace(
    /</g,
    "\\u003c",
  );
  return `(function(){
var C=${cfg};
var status=document.getElementById("live-status");
// Own members only: a node named "constructor" without metrics must not read Object.prototype's.
function own(o,k){return Object.prototype.hasOwnProperty.call(o,k)?o[k]:undefined;}
function el(tag,cls,text){var e=document.createElement(tag);if(cls)e.className=cls;if(text!=null)e.textContent=text;return e;}
function utc(t){return new Date(t*1000).toISOString().slice(11,19)+" UTC";}
function fmtRps(r){return r.rps>=10?r.rps.toFixed(0):r.rps.toFixed(2);}
function fmtOk(r){return r.success==null?"–":(r.success*100).toFixed(1)+"%";}
function okClass(r){return r.success==null?"":r.success>=0.99?"ok":r.success>=0.95?"warn":"bad";}
function rateCells(){
  // One pass over the page per poll, not one per route and node: data-rate id -> its cells.
  var by=Object.create(null),all=document.querySelectorAll("[data-rate]");
  for(var i=0;i<all.length;i++){var id=all[i].getAttribute("data-rate");(by[id]||(by[id]=[])).push(all[i]);}
  return by;
}
function setRate(cells,r){
  for(var i=0;cells&&i<cells.length;i++){var c=cells[i];
    if(c.getAttribute("data-field")==="rps"){c.textContent=r?fmtRps(r):"–";}
    else{c.textContent=r?fmtOk(r):"–";c.className="num "+(r?okClass(r):"");}}
}
function drawBar(bar,targets){
  var split=bar.querySelector(".split"),legend=bar.querySelector(".legend");
  var segs=split.querySelectorAll(".seg"),same=segs.length===targets.length;
  for(var i=0;same&&i<targets.length;i++)same=segs[i].getAttribute("data-node")===targets[i].virtualNode;
  if(!same){split.textContent="";legend.textContent="";segs=[];
    for(var j=0;j<targets.length;j++){var s=el("div","seg");s.setAttribute("data-node",targets[j].virtualNode);
      s.style.background=C.colors[j%C.colors.length];split.appendChild(s);segs.push(s);
      var l=el("span");l.setAttribute("data-legend",targets[j].virtualNode);var d=el("span","dot");d.style.background=s.style.background;
      l.appendChild(d);l.appendChild(document.createTextNode(targets[j].virtualNode+" "));l.appendChild(el("b"));legend.appendChild(l);}}
  var labels=[];
  for(var k=0;k<targets.length;k++){var t=targets[k];segs[k].style.width=t.percent+"%";segs[k].textContent=t.percent>=12?t.percent+"%":"";
    segs[k].title=t.virtualNode+": weight "+t.weight+" ("+t.percent+"%)";labels.push(t.virtualNode+" "+t.percent+"%");
    var b=legend.querySelectorAll("b")[k];if(b)b.textContent=String(t.weight);}
  split.setAttribute("aria-label",labels.join(", "));
}
function drawRollouts(list){
  var sec=document.getElementById("rollouts"),box=document.getElementById("rollout-list");
  if(!sec||!box)return;sec.hidden=list.length===0;box.textContent="";
  for(var i=0;i<list.length;i++){var r=list[i],row=el("div","rollout");row.setAttribute("data-rollout",r.name);
    var head=el("div"),link=el("a",null,r.name);link.setAttribute("href",C.rollouts+encodeURIComponent(r.name));
    var name=el("b");name.appendChild(link);head.appendChild(name);
    var st=el("span",r.state==="SUCCEEDED"?"ok":r.state==="FAILED"||r.state==="ABORTED"?"bad":r.state==="PAUSED"?"warn":null," "+r.state);head.appendChild(st);
    head.appendChild(el("span","empty"," · "+r.route+" · "+r.primary+" → "+r.canary+" · canary "+r.canaryWeight+"%"+(r.state==="PROGRESSING"||r.state==="PAUSED"?", promoted after "+r.maxWeight+"%":"")));
    row.appendChild(head);
    var p=el("div","progress"),f=el("div");f.style.width=Math.min(100,r.canaryWeight)+"%";
    if(r.state==="SUCCEEDED")f.style.background="var(--ok)";else if(r.state==="FAILED"||r.state==="ABORTED")f.style.background="var(--bad)";
    p.appendChild(f);row.appendChild(p);
    // When it started and, once finished, when it ended and how (the last message is the outcome).
    var times="started "+utc(r.startedAt)+(r.finishedAt!=null?" · ended "+utc(r.finishedAt)+" · "+r.message:"");
    row.appendChild(el("div","times",times));box.appendChild(row);}
}
function render(d){
  var cells=rateCells(),bars=document.querySelectorAll(".bar[data-route]");
  for(var i=0;i<bars.length;i++){var key=bars[i].getAttribute("data-route"),r=own(d.routes,key);
    if(r){drawBar(bars[i],r.targets);setRate(cells["route:"+key],r.rate);}}
  var vers=document.querySelectorAll("[data-route-version]");
  for(var v=0;v<vers.length;v++){var rv=own(d.routes,vers[v].getAttribute("data-route-version"));if(rv)vers[v].textContent=String(rv.version);}
  for(var id in cells)if(id.slice(0,5)==="node:")setRate(cells[id],own(d.nodes,id.slice(5)));
  drawRollouts(d.rollouts||[]);
  var notes=document.getElementById("live-notes");if(notes)notes.textContent=(d.notes||[]).join(" ");
  if(status){status.textContent="live · "+d.window+"s window · "+new Date(d.at).toLocaleTimeString();status.className="live ok";}
}
// Every few polls the charts are redrawn from the server's fragment (same escaped markup as the
// page; parsed inert by DOMParser, no script in it), each route's box replaced in place.
var polls=0;
function redrawCharts(){
  return fetch(location.origin+C.charts,{credentials:"same-origin"})
    .then(function(r){if(!r.ok)throw new Error("HTTP "+r.status);return r.text();})
    .then(function(html){
      var fresh=new DOMParser().parseFromString(html,"text/html").querySelectorAll("[data-route-charts]");
      var boxes=document.querySelectorAll("[data-route-charts]");
      for(var i=0;i<fresh.length;i++){var key=fresh[i].getAttribute("data-route-charts");
        for(var j=0;j<boxes.length;j++)if(boxes[j].getAttribute("data-route-charts")===key)boxes[j].replaceWith(document.importNode(fresh[i],true));}
    });
}
function tick(){
  // A background tab does not poll: every poll reads the mesh's Durable Objects.
  if(document.hidden){setTimeout(tick,C.every);return;}
  // Absolute from location.origin: a page opened as http://user:pass@host/... would otherwise
  // resolve the relative URL with those credentials, which fetch refuses to send.
  fetch(location.origin+C.url,{credentials:"same-origin",headers:{accept:"application/json"}})
    .then(function(r){if(!r.ok)throw new Error("HTTP "+r.status);return r.json();})
    .then(render)
    .then(function(){if(++polls%C.chartsEvery===0)return redrawCharts();})
    .catch(function(e){if(status){status.textContent="live: "+e.message;status.className="live bad";}})
    .then(function(){setTimeout(tick,C.every);});
}
tick();
})();`;
}
