// The field report form (backoffice/field/form.html): a point on a Leaflet map, or « ici »
// from the device's position. Without JavaScript the commune and address fields work alone,
// and the coordinates can be typed. The position is read once, only when the officer touches
// « Ici » (and the browser asks them): never on page load, never watched.
(function () {
  "use strict";
  const form = document.getElementById("field-form");
  const tools = form && form.querySelector("[data-point-tools]");
  const latitude = form && form.elements.namedItem("latitude");
  const longitude = form && form.elements.namedItem("longitude");
  if (!tools || !latitude || !longitude) {
    return;
  }
  tools.hidden = false;
  const status = tools.querySelector("[data-point-status]");
  const clear = tools.querySelector("[data-point-clear]");
  const here = tools.querySelector("[data-here]");
  const say = (text) => {
    if (status) {
      status.textContent = text;
    }
  };
  let map = null;
  let marker = null;
  const place = (lat, lon, zoom) => {
    latitude.value = lat.toFixed(5);
    longitude.value = lon.toFixed(5);
    if (map) {
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        const title = map.getContainer().dataset.markerTitle || "";
        marker = window.L.marker([lat, lon], { draggable: true, keyboard: true, title: title, alt: title }).addTo(map);
        marker.on("dragend", () => {
          const spot = marker.getLatLng();
          place(spot.lat, spot.lng);
        });
      }
      if (zoom) {
        map.setView([lat, lon], zoom);
      }
    }
    if (clear) {
      clear.hidden = false;
    }
    say(`${status ? status.dataset.placed || "" : ""} ${latitude.value}, ${longitude.value}`);
  };
  const element = document.getElementById("field-map");
  if (window.L && element) {
    const L = window.L;
    map = L.map(element, { attributionControl: Boolean(form.dataset.tileUrl) }).setView([46.6, 2.4], 5);
    if (form.dataset.tileUrl) {
      L.tileLayer(form.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
    }
    fetch(form.dataset.outlineUrl, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data) {
          const outline = L.geoJSON(data, { style: { color: "#000091", weight: 2, fillOpacity: 0.04 }, interactive: false }).addTo(map);
          if (!marker) {
            map.fitBounds(outline.getBounds(), { padding: [8, 8] });
          }
        }
      })
      .catch(() => {});
    map.on("click", (event) => place(event.latlng.lat, event.latlng.lng));
  } else if (element) {
    element.hidden = true;
  }
  const lat = parseFloat(latitude.value);
  const lon = parseFloat(longitude.value);
  if (!Number.isNaN(lat) && !Number.isNaN(lon)) {
    place(lat, lon, 15);
  }
  if (clear) {
    clear.addEventListener("click", () => {
      if (marker && map) {
        map.removeLayer(marker);
      }
      marker = null;
      latitude.value = "";
      longitude.value = "";
      clear.hidden = true;
      say("");
    });
  }
  if (here) {
    if (!("geolocation" in navigator)) {
      here.hidden = true;
    } else {
      here.addEventListener("click", () => {
        here.disabled = true;
        navigator.geolocation.getCurrentPosition(
          (position) => {
            here.disabled = false;
            place(position.coords.latitude, position.coords.longitude, 16);
          },
          () => {
            here.disabled = false;
            say(status ? status.dataset.hereDenied || "" : "");
          },
          { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 },
        );
      });
    }
  }
})();
