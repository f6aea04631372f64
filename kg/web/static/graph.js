// The graph of kg serve: the entity page's neighbourhood, and the graph view that grows when a node is
// clicked (its neighbours fetched from /api/neighbours). Every text reaches the page through
// textContent or the canvas, never as HTML. window.kgGraph exposes the data sets for tests.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-graph").textContent);
  var styles = data.styles || {};
  var nodes = new vis.DataSet();
  var edges = new vis.DataSet();
  var expanded = {};
  var hiddenTypes = {};
  var state = (window.kgGraph = {
    nodes: nodes, edges: edges, expanded: expanded, pending: 0, expansions: 0, stable: false
  });
  var container = document.getElementById("kg-network");

  function byId(id) { return document.getElementById(id); }
  function short(text) { text = String(text || ""); return text.length > 18 ? text.slice(0, 17) + "…" : text; }

  function visNode(node) {
    var style = styles[node.type] || { color: "#bcbd22", shape: "dot" };
    return {
      id: node.id, label: short(node.label), title: node.label + " · " + node.type + (node.date ? " · " + node.date : ""),
      color: style.color, shape: style.shape, size: node.id === data.focus ? 18 : 10,
      kgType: node.type, kgDate: node.date, kgName: node.label
    };
  }

  // Above BIG nodes, edges lose their drawn labels (the tooltip keeps them): drawing thousands of
  // labels is what slows a frame most (bench/bench_serve.py --browser).
  var BIG = 300;
  function visEdge(e) {
    return { id: e.id, from: e.from, to: e.to, label: nodes.length > BIG ? undefined : e.label, title: e.label };
  }
  function unlabel() {
    if (nodes.length > BIG && !state.big) {
      state.big = true;
      edges.update(edges.getIds().map(function (id) { return { id: id, label: undefined }; }));
      network.setOptions({ interaction: { hideEdgesOnZoom: true } });
    }
  }

  function add(found) {
    nodes.update(found.nodes.filter(function (n) { return !nodes.get(n.id); }).map(visNode));
    edges.update(found.edges.map(visEdge));
    unlabel();
    refresh();
  }

  var options = {
    layout: { improvedLayout: false, randomSeed: 7 },
    nodes: { font: { size: 12 } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.4 } }, font: { size: 9, color: "#777" },
             color: { color: "#b0b0b0" }, smooth: false },
    physics: { solver: "forceAtlas2Based", forceAtlas2Based: { gravitationalConstant: -50, springLength: 80 },
               stabilization: { iterations: 150 }, minVelocity: 2 },
    interaction: { hover: true, hideEdgesOnDrag: true }
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);
  state.network = network;
  add(data);
  if (data.focus) { expanded[data.focus] = true; }
  var timer = null;
  function still() {
    clearTimeout(timer);
    network.setOptions({ physics: { enabled: false } });
    state.stable = true;
  }
  network.on("stabilizationIterationsDone", still);
  network.on("stabilized", still);
  network.stabilize(150);

  // After a node grows, physics runs for a moment, a step per frame, so the page keeps answering;
  // new nodes start on a ring around the node they came from, so little has to move.
  function settleBriefly() {
    state.stable = false;
    network.setOptions({ physics: { enabled: true } });
    clearTimeout(timer);
    timer = setTimeout(still, nodes.length > 500 ? 1000 : 2000);
  }

  function grow(id) {
    if (expanded[id]) { return Promise.resolve(); }
    expanded[id] = true;
    state.pending += 1;
    var at = network.getPositions([id])[id] || { x: 0, y: 0 };
    return fetch(data.api + "?iri=" + encodeURIComponent(id))
      .then(function (r) { return r.json(); })
      .then(function (found) {
        var fresh = found.nodes.filter(function (n) { return !nodes.get(n.id); });
        var ring = 60 + 12 * Math.sqrt(fresh.length);
        nodes.update(fresh.map(function (n, i) {
          var v = visNode(n), angle = (2 * Math.PI * i) / fresh.length;
          v.x = at.x + ring * Math.cos(angle);
          v.y = at.y + ring * Math.sin(angle);
          return v;
        }));
        edges.update(found.edges.map(visEdge));
        unlabel();
        state.expansions += 1;
        refresh();
        settleBriefly();
      })
      .finally(function () { state.pending -= 1; });
  }
  state.grow = grow;

  function entityUrl(iri) {
    var prefix = "https://w3id.org/minutes-kg/id/";
    if (iri.indexOf(prefix) !== 0) { return null; }
    return "/id/" + iri.slice(prefix.length).split("/").map(encodeURIComponent).join("/");
  }

  function show(id) {
    var panel = byId("kg-panel");
    if (!panel) { return; }
    fetch(data.node_api + "?iri=" + encodeURIComponent(id))
      .then(function (r) { return r.json(); })
      .then(function (node) {
        panel.textContent = "";
        var head = document.createElement("h4");
        var link = document.createElement("a");
        link.href = node.url || "#";
        link.textContent = node.label;
        head.appendChild(link);
        var meta = document.createElement("p");
        meta.textContent = node.type + (node.government ? " · " + node.government : "");
        var facts = document.createElement("div");
        facts.className = "facts";
        node.facts.forEach(function (f) {
          var line = document.createElement("div");
          var b = document.createElement("b");
          b.textContent = f[0] + "：";
          line.append(b, document.createTextNode(f[1]));
          facts.appendChild(line);
        });
        panel.append(head, meta, facts);
      });
  }

  if (data.grow) {
    network.on("click", function (params) {
      if (params.nodes.length) { grow(params.nodes[0]); show(params.nodes[0]); }
    });
  } else {
    network.on("doubleClick", function (params) {
      var url = params.nodes.length && entityUrl(params.nodes[0]);
      if (url) { window.location.href = url; }
    });
  }

  // filters: types shown, and a date range (nodes without a date stay)
  function visible(node) {
    if (hiddenTypes[node.kgType]) { return false; }
    var from = byId("kg-from") ? byId("kg-from").value.trim() : "";
    var to = byId("kg-to") ? byId("kg-to").value.trim() : "";
    if (node.kgDate && from && node.kgDate.slice(0, from.length) < from) { return false; }
    if (node.kgDate && to && node.kgDate.slice(0, to.length) > to) { return false; }
    return true;
  }
  function refresh() {
    nodes.update(nodes.get().map(function (n) { return { id: n.id, hidden: !visible(n) }; }));
    var list = byId("kg-types");
    if (list) {
      var counts = {};
      nodes.forEach(function (n) { counts[n.kgType] = (counts[n.kgType] || 0) + 1; });
      list.textContent = "";
      Object.keys(counts).sort().forEach(function (type) {
        var item = document.createElement("li");
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.checked = !hiddenTypes[type];
        box.dataset.type = type;
        box.addEventListener("change", function () { hiddenTypes[type] = !box.checked; refresh(); });
        label.append(box, document.createTextNode(" " + ((styles[type] || {}).name || type) + " (" + counts[type] + ")"));
        item.appendChild(label);
        list.appendChild(item);
      });
    }
    if (byId("kg-count")) {
      byId("kg-count").textContent = nodes.length + " 个节点 nodes · " + edges.length + " 条关系 edges";
    }
  }
  ["kg-from", "kg-to"].forEach(function (id) { if (byId(id)) { byId(id).addEventListener("input", refresh); } });

  var save = byId("kg-save");
  if (save) {
    save.addEventListener("submit", function () {
      save.querySelectorAll("input[name=id]").forEach(function (i) { i.remove(); });
      nodes.getIds().forEach(function (id) {
        var input = document.createElement("input");
        input.type = "hidden";
        input.name = "id";
        input.value = id;
        save.appendChild(input);
      });
    });
  }
})();
