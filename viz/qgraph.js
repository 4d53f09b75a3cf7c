// Draws the graph of a qgraph page. `nodes`, `edges` (vis.DataSet) and `options` are defined just above.
// Positions come precomputed (networkx); barnesHut relaxes them for a bounded number of iterations,
// then physics is switched off so the drawing stays still. window.__qgraph reports to tests.
(function () {
  var started = performance.now();
  var container = document.getElementById("mynetwork");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, options);
  var report = window.__qgraph = {
    nodes: nodes.length, edges: edges.length, stabilised: false, stabilisedMs: null,
    sinceNavigationMs: null, iterations: null
  };
  function settle(params) {
    if (report.stabilised) { return; }
    network.setOptions({physics: {enabled: false}});
    network.fit({animation: false});
    report.iterations = options.physics && options.physics.enabled ? options.physics.stabilization.iterations : 0;
    report.stabilisedMs = Math.round(performance.now() - started);
    report.sinceNavigationMs = Math.round(performance.now());
    report.stabilised = true;
    document.body.setAttribute("data-stabilised", "true");
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  if (!options.physics || !options.physics.enabled) { settle(); }
  window.qgraphNetwork = network;
})();
