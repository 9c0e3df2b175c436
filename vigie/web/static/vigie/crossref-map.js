// Maps of the back office's cross-referencing pages, with our own Leaflet and no tile
// server: the département outlines are the base map (served by us, offline).
// - #dossier-map: the dossier's points (the viewer's own reports only);
// - #cell-map: counts per commune aggregated on the server, redrawn when a filter changes.
(function () {
  "use strict";

  function baseMap(element, fitOutline) {
    var map = L.map(element, { attributionControl: false, zoomSnap: 0.25 }).setView([46.6, 2.4], 5);
    var urls = (element.dataset.outlines || "").split(" ").filter(Boolean);
    var loaded = Promise.all(urls.map(function (url) {
      return fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); });
    })).then(function (shapes) {
      var group = L.featureGroup();
      shapes.forEach(function (shape) {
        L.geoJSON(shape, { style: { color: "#000091", weight: 1.5, fillOpacity: 0.05 }, interactive: false }).addTo(group);
      });
      group.addTo(map);
      if (shapes.length && fitOutline) { map.fitBounds(group.getBounds(), { padding: [8, 8], animate: false }); }
      return group;
    });
    return { map: map, loaded: loaded };
  }

  function dossierMap(element) {
    var points = JSON.parse(document.getElementById("dossier-points").textContent);
    var made = baseMap(element, points.length === 0);
    made.loaded.then(function () {
      var group = L.featureGroup();
      points.forEach(function (point) {
        L.circleMarker([point.lat, point.lon], { radius: 7, color: "#000091", fillColor: "#6a6af4", fillOpacity: 0.8 })
          .bindTooltip(point.reference).addTo(group);
      });
      group.addTo(made.map);
      if (points.length) { made.map.fitBounds(group.getBounds().pad(0.5), { maxZoom: 15, animate: false }); }
      element.dataset.ready = "true";
    });
  }

  function cellMap(element) {
    var made = baseMap(element, true);
    var layer = L.layerGroup().addTo(made.map);
    var form = document.getElementById("map-filters");
    var total = document.getElementById("cell-map-total");
    function draw() {
      var query = new URLSearchParams(new FormData(form)).toString();
      element.dataset.ready = "false";
      return fetch(element.dataset.url + "?" + query, { credentials: "same-origin" })
        .then(function (r) { return r.json(); })
        .then(function (data) {
          layer.clearLayers();
          data.cells.forEach(function (cell) {
            var share = cell.reports ? cell.in_dossiers / cell.reports : 0;
            L.circleMarker([cell.lat, cell.lon], {
              radius: 4 + Math.sqrt(cell.reports) * 3,
              color: "#000091",
              weight: 1,
              fillColor: share > 0.5 ? "#c9191e" : share > 0 ? "#fc5d00" : "#6a6af4",
              fillOpacity: 0.6,
            }).bindTooltip(cell.name + " : " + cell.reports + " " + element.dataset.labelReports +
              ", " + cell.in_dossiers + " " + element.dataset.labelDossiers).addTo(layer);
          });
          total.textContent = data.total + " " + element.dataset.labelReports + " · " + data.cells.length + " communes";
          element.dataset.ready = "true";
        });
    }
    form.addEventListener("change", draw);
    made.loaded.then(draw);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var dossier = document.getElementById("dossier-map");
    if (dossier) { dossierMap(dossier); }
    var cell = document.getElementById("cell-map");
    if (cell) { cellMap(cell); }
  });
})();
