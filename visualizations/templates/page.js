// Draws the graph in #kg-data with vis-network. Every text of the graph reaches the page through
// textContent, DOM nodes or the canvas, never as HTML. window.kgPage exposes the data sets and
// when physics settled, for tests and the benchmark.
(function () {
  "use strict";
  var started = performance.now();
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var page = (window.kgPage = { settled: false, cut: false, settleMs: null, iterations: 0 });
  var SVG = "http://www.w3.org/2000/svg";

  function byId(id) { return document.getElementById(id); }
  function say(id, text) { byId(id).textContent = text; }

  function tipElement(rows) {
    var box = document.createElement("div");
    box.className = "kg-tip";
    rows.forEach(function (row) {
      var line = document.createElement("div");
      var name = document.createElement("b");
      name.textContent = row[0] + "：";
      line.appendChild(name);
      line.appendChild(document.createTextNode(row[1]));
      box.appendChild(line);
    });
    return box;
  }

  function shapeIcon(shape, color) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("width", "16");
    svg.setAttribute("height", "16");
    svg.setAttribute("viewBox", "0 0 16 16");
    var points = {
      star: "8,1 10,6 15,6 11,9.5 12.5,15 8,11.5 3.5,15 5,9.5 1,6 6,6",
      hexagon: "4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8",
      diamond: "8,1 15,8 8,15 1,8",
      triangle: "8,1.5 15,14.5 1,14.5",
      triangleDown: "1,1.5 15,1.5 8,14.5",
      square: "2,2 14,2 14,14 2,14"
    }[shape];
    var mark = document.createElementNS(SVG, points ? "polygon" : "circle");
    if (points) { mark.setAttribute("points", points); }
    else { mark.setAttribute("cx", "8"); mark.setAttribute("cy", "8"); mark.setAttribute("r", "6.5"); }
    mark.setAttribute("fill", color);
    svg.appendChild(mark);
    return svg;
  }

  document.title = data.title + " · minutes-kg";
  say("kg-title", data.title);
  say("kg-summary", data.nodes.length + " 个节点 nodes · " + data.edges.length + " 条关系 edges");
  if (data.left_out.nodes > 0) {
    var leftOut = byId("kg-left-out");
    leftOut.hidden = false;
    leftOut.textContent = "图太大，只显示连接最多的 " + data.nodes.length + " 个节点；未显示 " +
      data.left_out.nodes + " 个节点和 " + data.left_out.edges + " 条关系。 The graph is too large to draw: " +
      "showing the " + data.nodes.length + " best-connected nodes; " + data.left_out.nodes +
      " nodes and " + data.left_out.edges + " edges are left out.";
  }
  data.notes.forEach(function (note) {
    var item = document.createElement("li");
    item.textContent = note;
    byId("kg-notes").appendChild(item);
  });

  var idsByType = {};
  var names = {};
  data.nodes.forEach(function (node) {
    (idsByType[node.kgType] = idsByType[node.kgType] || []).push(node.id);
    node.kgName = node.tip[1][1];
    names[node.kgName] = true;
    node.title = tipElement(node.tip);
    delete node.tip;
  });
  data.edges.forEach(function (edge) {
    edge.title = tipElement(edge.tip);
    delete edge.tip;
  });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var network = new vis.Network(byId("kg-network"), { nodes: nodes, edges: edges }, data.options);
  page.nodes = nodes;
  page.edges = edges;
  page.network = network;

  data.legend.forEach(function (entry) {
    var item = document.createElement("li");
    var label = document.createElement("label");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.dataset.type = entry.type;
    box.addEventListener("change", function () {
      nodes.update(idsByType[entry.type].map(function (id) { return { id: id, hidden: !box.checked }; }));
    });
    var name = document.createElement("span");
    name.textContent = entry.name;
    var count = document.createElement("span");
    count.className = "count";
    count.textContent = entry.count;
    label.append(box, shapeIcon(entry.shape, entry.color), name, count);
    item.appendChild(label);
    byId("kg-legend").appendChild(item);
  });

  Object.keys(names).sort().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    byId("kg-names").appendChild(option);
  });

  function search(query) {
    query = query.trim();
    if (!query) { network.unselectAll(); say("kg-found", ""); return []; }
    var found = nodes.getIds({ filter: function (node) { return node.kgName.indexOf(query) >= 0; } });
    network.selectNodes(found);
    if (found.length) { network.fit({ nodes: found, animation: false }); }
    say("kg-found", "找到 " + found.length + " 个 found");
    return found;
  }
  page.search = search;
  byId("kg-search").addEventListener("input", function (event) { search(event.target.value); });

  var steps = 0;
  function settle() {
    network.setOptions({ physics: { enabled: false } });
    page.iterations = steps;
    page.settleMs = performance.now() - started;
    page.settled = true;
    say("kg-status", (page.cut ? "布局已停止 layout stopped after " : "布局完成 laid out in ") +
      (page.settleMs / 1000).toFixed(1) + " s; 拖动节点可调整 drag nodes to adjust");
    var focus = data.focus.filter(function (id) { return nodes.get(id); });
    if (focus.length) { network.selectNodes(focus); }
  }
  network.on("stabilizationProgress", function (progress) {
    steps = progress.iterations;
    say("kg-status", "布局中 laying out… " + Math.round((100 * steps) / progress.total) + "%");
    if (performance.now() - started > data.settle_ms && !page.cut) {
      page.cut = true;
      network.stopSimulation();
    }
  });
  network.once("stabilizationIterationsDone", settle);
  if (data.nodes.length === 0) { settle(); }
})();
