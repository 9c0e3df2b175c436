// The report form, enhanced. Everything here is optional: the form works without it.
// - focus lands on the error summary or on the step's title after each page change;
// - rows (people, vehicles, identifiers) are added in place;
// - a map (offline département outlines, optional tiles) places the point;
// - the commune field suggests communes from the offline list (GET /api/v1/communes);
// - the quality coach (POST /api/v1/analyse) updates as the citizen writes;
// - the proof-of-work (pow.js) is solved while the citizen types;
// - the final upload shows its progress, and falls back to the plain post.
"use strict";
(() => {
  const form = document.getElementById("report-form");
  if (!form) {
    return;
  }
  const csrf = () => (form.querySelector("input[name=csrfmiddlewaretoken]") || {}).value || "";
  const debounce = (fn, wait) => {
    let timer = null;
    return (...args) => {
      clearTimeout(timer);
      timer = setTimeout(() => fn(...args), wait);
    };
  };

  // ---------------------------------------------------------------- focus between steps
  const summary = document.getElementById("form-errors");
  const title = document.getElementById("step-title");
  const added = form.querySelector("[autofocus]");
  if (summary) {
    summary.focus();
  } else if (!added && title && document.referrer && new URL(document.referrer).pathname === location.pathname) {
    title.focus();
  }

  // ---------------------------------------------------------------- rows added in place
  form.querySelectorAll("[data-rows]").forEach((group) => {
    const prefix = group.dataset.rows;
    const total = form.querySelector(`input[name="${prefix}-TOTAL_FORMS"]`);
    const max = Number((form.querySelector(`input[name="${prefix}-MAX_NUM_FORMS"]`) || {}).value || 10);
    const template = group.querySelector("template[data-row-template]");
    const list = group.querySelector("[data-rows-list]");
    const button = group.querySelector("[data-add-row]");
    if (!total || !template || !list || !button) {
      return;
    }
    button.addEventListener("click", (event) => {
      const index = Number(total.value);
      if (index >= max) {
        return;
      }
      event.preventDefault();
      const html = template.innerHTML.replaceAll("__prefix__", String(index)).replaceAll("__number__", String(index + 1));
      const holder = document.createElement("div");
      holder.innerHTML = html;
      const row = holder.firstElementChild;
      list.appendChild(row);
      total.value = String(index + 1);
      const first = row.querySelector("input, select, textarea");
      if (first) {
        first.focus();
      }
      if (index + 1 >= max) {
        button.hidden = true;
      }
    });
  });

  // ---------------------------------------------------------------- contact field
  const contactField = form.querySelector("[data-contact-field]");
  const contactChoice = () => (form.querySelector("input[name=contact_wanted]:checked") || {}).value;
  const syncContact = () => {
    if (contactField) {
      const input = contactField.querySelector("input");
      const wanted = contactChoice() === "yes";
      contactField.hidden = !wanted && !(input && input.value);
    }
  };
  form.querySelectorAll("input[name=contact_wanted]").forEach((radio) => radio.addEventListener("change", syncContact));
  syncContact();

  // ---------------------------------------------------------------- text counter
  const description = form.querySelector("#id_description");
  const counter = form.querySelector("[data-counter-for=id_description]");
  if (description && counter) {
    const limit = 8000;
    const update = () => {
      counter.hidden = false;
      counter.textContent = `${description.value.length} / ${limit}`;
    };
    description.addEventListener("input", debounce(update, 300));
    update();
  }

  // ---------------------------------------------------------------- commune suggestions
  const commune = form.querySelector("#id_commune");
  const communeCode = form.querySelector("input[type=hidden][name=commune_code]");
  const datalist = document.getElementById("commune-suggestions");
  let suggestions = [];
  if (commune && datalist) {
    commune.setAttribute("list", "commune-suggestions");
    commune.setAttribute("autocomplete", "off");
    const suggest = debounce(async () => {
      const query = commune.value.trim();
      if (query.length < 2) {
        return;
      }
      try {
        const response = await fetch(`${form.dataset.communesUrl}?q=${encodeURIComponent(query)}`, {
          headers: { Accept: "application/json" },
          credentials: "same-origin",
        });
        if (!response.ok) {
          return;
        }
        const body = await response.json();
        suggestions = Array.isArray(body) ? body : body.items || body.communes || [];
        datalist.replaceChildren(
          ...suggestions.map((item) => {
            const option = document.createElement("option");
            option.value = item.name;
            option.label = `${item.name} (${item.departement}) ${(item.postcodes || []).join(", ")}`;
            return option;
          })
        );
      } catch (error) {
        // Offline or the API is down: the server resolves the typed name anyway.
      }
    }, 200);
    commune.addEventListener("input", () => {
      const same = suggestions.filter((item) => item.name === commune.value);
      if (communeCode) {
        communeCode.value = same.length === 1 ? same[0].code : "";
      }
      if (same.length >= 1) {
        showCommune(same[0].code, false);  // the first of homonyms is the most populous
      }
      suggest();
    });
    // A postcode or a name typed whole, without choosing a suggestion: the best match.
    commune.addEventListener("change", () => {
      const query = commune.value.trim();
      if (query.length >= 2 && !(communeCode && communeCode.value)) {
        lookUpCommune(query).then((item) => item && showCommune(item.code, false));
      }
    });
  }
  // One commune for what was typed (the best match), for a page shown with a commune.
  const lookUpCommune = async (query) => {
    try {
      const response = await fetch(`${form.dataset.communesUrl}?q=${encodeURIComponent(query)}`, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      const body = response.ok ? await response.json() : [];
      if (!Array.isArray(body) || !body.length) {
        return null;
      }
      // A person typing five digits means a postcode (the server reads it so too).
      const byPostcode = body.find((item) => (item.postcodes || []).includes(query));
      return byPostcode || body[0];
    } catch (error) {
      return null;
    }
  };

  // ---------------------------------------------------------------- map
  // No tile server: the département outlines at first, then the chosen commune's outline
  // (served per commune from our origin), on which the citizen places the point.
  const mapBlock = form.querySelector("[data-map-block]");
  const latitude = form.querySelector("#id_latitude");
  const longitude = form.querySelector("#id_longitude");
  const mapElement = document.getElementById("report-map");
  let map = null;
  let marker = null;
  let communeLayer = null;
  let shownCommune = "";
  const geojsonBase = form.dataset.geojsonUrl ? form.dataset.geojsonUrl.replace(/departements\.geojson$/, "communes/") : "";
  const say = (message) => {
    const status = mapBlock && mapBlock.querySelector("[data-map-status]");
    if (status) {
      status.textContent = message;
    }
  };
  // Centre on a commune and draw its outline; keepView: a point already placed stays in view.
  const showCommune = (code, keepView) => {
    if (!map || !code || !geojsonBase || code === shownCommune) {
      return;
    }
    shownCommune = code;
    fetch(`${geojsonBase}${encodeURIComponent(code)}.geojson`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((feature) => {
        if (!feature || shownCommune !== code) {
          return;
        }
        if (communeLayer) {
          map.removeLayer(communeLayer);
          communeLayer = null;
        }
        const props = feature.properties || {};
        if (feature.geometry) {
          communeLayer = window.L.geoJSON(feature, {
            style: { color: "#000091", weight: 3, fillColor: "#6a6af4", fillOpacity: 0.08 },
            interactive: false,
          }).addTo(map);
          communeLayer.bindTooltip(props.name || "", { permanent: true, direction: "center", className: "vigie-map-label" });
          const bounds = communeLayer.getBounds();
          if (!keepView) {
            map.fitBounds(bounds, { padding: [12, 12], maxZoom: 15 });
          } else if (marker && !bounds.contains(marker.getLatLng())) {
            // The point lies outside the commune (the server asks which is right): show both.
            map.fitBounds(bounds.extend(marker.getLatLng()), { padding: [24, 24], maxZoom: 15 });
          }
        } else if (!keepView && props.lat !== null && props.lon !== null) {
          map.setView([props.lat, props.lon], 13);
        }
        if (!keepView) {
          say(`${mapElement.dataset.centred || ""} ${props.name || ""}`.trim());
        }
      })
      .catch(() => {
        shownCommune = "";
      });
  };
  const startMap = () => {
    if (map || !mapBlock || !window.L || !latitude || !longitude || !mapElement) {
      return;
    }
    const section = mapBlock.closest(".vigie-step");
    if (section && section.hidden) {
      return;
    }
    mapBlock.hidden = false;
    const L = window.L;
    map = L.map(mapElement, { attributionControl: Boolean(form.dataset.tileUrl), zoomControl: false, keyboard: true }).setView([46.6, 2.4], 5);
    L.control.zoom({ zoomInTitle: mapElement.dataset.zoomIn || "Zoomer", zoomOutTitle: mapElement.dataset.zoomOut || "Dézoomer" }).addTo(map);
    if (form.dataset.tileUrl) {
      L.tileLayer(form.dataset.tileUrl, { maxZoom: 19 }).addTo(map);
    }
    fetch(form.dataset.geojsonUrl, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => {
        if (data) {
          L.geoJSON(data, { style: { color: "#000091", weight: 1, fillOpacity: 0.04 }, interactive: false }).addTo(map);
        }
      })
      .catch(() => {});
    const clear = mapBlock.querySelector("[data-map-clear]");
    const place = (lat, lon) => {
      latitude.value = lat.toFixed(5);
      longitude.value = lon.toFixed(5);
      if (marker) {
        marker.setLatLng([lat, lon]);
      } else {
        marker = L.marker([lat, lon], { draggable: true, keyboard: true, title: mapElement.dataset.markerTitle || "", alt: mapElement.dataset.markerTitle || "" }).addTo(map);
        marker.on("dragend", () => {
          const spot = marker.getLatLng();
          place(spot.lat, spot.lng);
        });
      }
      if (clear) {
        clear.hidden = false;
      }
      say(`${mapElement.dataset.placed || ""} ${latitude.value}, ${longitude.value}`);
      latitude.dispatchEvent(new Event("change", { bubbles: true }));
    };
    map.on("click", (event) => place(event.latlng.lat, event.latlng.lng));
    // Keyboard: Leaflet moves the map with the arrows and zooms with + and -; Enter or Space
    // places the point under the cross at the centre.
    mapElement.addEventListener("keydown", (event) => {
      if (event.target !== mapElement || (event.key !== "Enter" && event.key !== " ")) {
        return;
      }
      event.preventDefault();
      const centre = map.getCenter();
      place(centre.lat, centre.lng);
    });
    if (clear) {
      clear.addEventListener("click", () => {
        if (marker) {
          map.removeLayer(marker);
          marker = null;
        }
        latitude.value = "";
        longitude.value = "";
        clear.hidden = true;
        say(mapElement.dataset.removed || "");
      });
    }
    const lat = parseFloat(latitude.value);
    const lon = parseFloat(longitude.value);
    const hasPoint = !Number.isNaN(lat) && !Number.isNaN(lon);
    if (hasPoint) {
      place(lat, lon);
      map.setView([lat, lon], 15);
    }
    // The commune already given (a step posted, a draft): its outline, centred unless a
    // point is there; a point that disagrees with it stays in view, the server asks which.
    const code = (communeCode && communeCode.value) || "";
    if (code) {
      showCommune(code, hasPoint);
    } else if (commune && commune.value.trim().length >= 2) {
      lookUpCommune(commune.value.trim()).then((item) => item && showCommune(item.code, hasPoint));
    }
  };
  startMap();

  // ---------------------------------------------------------------- live quality coach
  const coach = document.querySelector("[data-live-coach]");
  const guidanceBox = document.querySelector("[data-live-guidance]");
  const values = (name) => Array.from(form.querySelectorAll(`[name="${name}"]:checked`)).map((input) => input.value);
  const value = (name) => {
    const field = form.elements.namedItem(name);
    if (!field) {
      return "";
    }
    if (field instanceof RadioNodeList) {
      return field.value || "";
    }
    return (field.value || "").trim();
  };
  const rows = (prefix, names) => {
    const total = Number(value(`${prefix}-TOTAL_FORMS`) || 0);
    const found = [];
    for (let index = 0; index < total; index += 1) {
      const row = {};
      names.forEach((name) => {
        row[name] = value(`${prefix}-${index}-${name}`);
      });
      if (Object.values(row).some(Boolean)) {
        found.push(row);
      }
    }
    return found;
  };
  const structured = () => {
    const location = { address: value("address"), commune: value("commune_code") || value("commune"), place_kind: value("place_kind") || null };
    const lat = parseFloat(value("latitude"));
    const lon = parseFloat(value("longitude"));
    if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
      location.lat = lat;
      location.lon = lon;
    }
    const date = value("observed_date");
    const time = value("observed_time");
    return {
      category: value("category") || null,
      description: value("description").slice(0, 8000),
      location,
      observed_at: date ? (time ? `${date}T${time}:00` : date) : null,
      schedule: value("schedule"),
      people: rows("people", ["description"]).filter((row) => row.description),
      vehicles: rows("vehicles", ["kind", "make", "colour", "plate"]),
      identifiers: rows("ids", ["kind", "value"]).filter((row) => row.kind && row.value),
      risks: values("risks"),
    };
  };
  const text = (tag, content, className) => {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    element.textContent = content;
    return element;
  };
  const showGuidance = (guidance) => {
    if (!guidanceBox) {
      return;
    }
    const kind = guidance ? guidance.kind : "";
    if (guidanceBox.dataset.kind === kind) {
      return;
    }
    guidanceBox.dataset.kind = kind;
    guidanceBox.replaceChildren();
    if (!guidance) {
      return;
    }
    const alert = document.createElement("div");
    alert.className = `fr-alert fr-mb-4w ${kind === "emergency" ? "fr-alert--error vigie-emergency" : "fr-alert--warning"}`;
    alert.setAttribute("role", "alert");
    alert.dataset.testid = kind === "emergency" ? "emergency" : `guidance-${kind}`;
    alert.appendChild(text("h2", guidance.title, "fr-alert__title"));
    alert.appendChild(text("p", guidance.message || guidance.text || ""));
    const links = document.createElement("ul");
    links.className = "fr-btns-group fr-btns-group--inline-sm fr-mt-2w";
    const numbers = (guidance.numbers || []).map((entry) => [
      `${entry.sms ? "sms" : "tel"}:${entry.number}`,
      `${entry.number} — ${entry.label}`,
      "fr-btn fr-btn--secondary",
    ]);
    // In an emergency the 17 comes first, alone and large, as in guidance.html.
    if (kind === "emergency" && numbers.length) {
      const [href, label] = numbers.shift();
      const call = text("a", label, "fr-btn fr-btn--lg fr-btn--icon-left fr-icon-phone-fill vigie-call-17");
      call.href = href;
      const line = document.createElement("p");
      line.className = "fr-mt-2w fr-mb-2w";
      line.appendChild(call);
      alert.appendChild(line);
      links.classList.remove("fr-mt-2w");
    }
    numbers.forEach(([href, label, className]) => {
      const item = document.createElement("li");
      const link = text("a", label, className);
      link.href = href;
      item.appendChild(link);
      links.appendChild(item);
    });
    if (numbers.length) {
      alert.appendChild(links);
    }
    guidanceBox.appendChild(alert);
  };
  const showCoaching = (answer) => {
    if (!coach) {
      return;
    }
    coach.hidden = false;
    const meter = coach.querySelector("#coach-meter");
    meter.value = answer.score;
    meter.textContent = `${answer.score} / 100`;
    coach.querySelector("[data-coach-score]").textContent = `${answer.score} / 100`;
    coach.querySelector("[data-coach-level]").textContent = answer.level_label || "";
    const list = coach.querySelector("[data-coach-missing]");
    list.replaceChildren(
      ...(answer.missing || []).map((item) => {
        const entry = document.createElement("li");
        entry.appendChild(text("strong", item.label.charAt(0).toUpperCase() + item.label.slice(1)));
        entry.appendChild(document.createTextNode(` — ${item.hint}`));
        return entry;
      })
    );
    showGuidance(answer.guidance);
  };
  let lastSent = "";
  const analyse = debounce(async () => {
    const body = JSON.stringify(structured());
    if (body === lastSent) {
      return;
    }
    lastSent = body;
    try {
      const response = await fetch(form.dataset.analyseUrl, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json", "X-CSRFToken": csrf() },
        credentials: "same-origin",
        body,
      });
      if (response.ok) {
        showCoaching(await response.json());
      }
    } catch (error) {
      // The coach is a help, not a gate: offline, the review step gives the same advice.
    }
  }, 600);
  if (coach) {
    form.addEventListener("input", analyse);
    form.addEventListener("change", analyse);
    if (value("description") || value("category")) {
      analyse();
    }
  }

  // ---------------------------------------------------------------- proof-of-work
  const powChallenge = form.querySelector("input[name=pow_challenge]");
  const powNonce = form.querySelector("input[name=pow_nonce]");
  if (powChallenge && powNonce && !powNonce.value && form.dataset.powUrl) {
    import(form.dataset.powUrl).then((pow) => pow.solveChallenge(form.dataset.apiBase)).then((solution) => {
      powChallenge.value = solution.challenge;
      powNonce.value = solution.nonce;
    }).catch(() => {
      // Without a solution the server applies the stricter limit; nothing is blocked.
    });
  }

  // ---------------------------------------------------------------- language switch
  // The page's values are already in the draft up to the last step posted; what was typed
  // on this step since is saved first ("save"), then the switch comes back to this step.
  const languageForm = document.querySelector("form.vigie-language");
  const stepInput = form.querySelector("input[name=step]");
  if (languageForm && window.FormData) {
    let saved = false;
    languageForm.addEventListener("submit", (event) => {
      if (saved) {
        return;
      }
      event.preventDefault();
      const submitter = event.submitter;
      const body = new FormData(form);
      body.set("action", "save");
      body.delete("evidence");
      const next = languageForm.querySelector("input[name=next]");
      if (next && stepInput) {
        next.value = `${location.pathname}?etape=${encodeURIComponent(stepInput.value)}`;
      }
      fetch(form.getAttribute("action") || location.pathname, {
        method: "POST",
        body,
        credentials: "same-origin",
        redirect: "manual",
      })
        .catch(() => {})
        .finally(() => {
          saved = true;
          languageForm.requestSubmit(submitter);
        });
    });
  }

  // ---------------------------------------------------------------- upload with progress
  const progressBlock = form.querySelector("[data-upload-progress]");
  let plainPost = false;
  form.addEventListener("submit", (event) => {
    const submitter = event.submitter;
    if (plainPost || !submitter || submitter.value !== "submit" || !progressBlock || !window.FormData) {
      return;
    }
    event.preventDefault();
    // Read the form before the button is disabled: a disabled button sends no value.
    const body = new FormData(form, submitter);
    const progress = progressBlock.querySelector("progress");
    const percent = progressBlock.querySelector("[data-upload-percent]");
    progressBlock.hidden = false;
    submitter.disabled = true;
    const request = new XMLHttpRequest();
    // getAttribute: an input named "action" shadows the form.action property.
    request.open("POST", form.getAttribute("action") || window.location.href);
    request.upload.addEventListener("progress", (step) => {
      if (step.lengthComputable) {
        const done = Math.round((step.loaded / step.total) * 100);
        progress.value = done;
        percent.textContent = `${done} %`;
      }
    });
    const fallBack = () => {
      plainPost = true;
      submitter.disabled = false;
      progressBlock.hidden = true;
      form.requestSubmit(submitter);
    };
    request.addEventListener("load", () => {
      if (request.status === 0 || request.status >= 500) {
        fallBack();
        return;
      }
      // The answer is a whole page (the receipt, or the form with its errors): show it.
      document.open();
      document.write(request.responseText);
      document.close();
      window.scrollTo(0, 0);
    });
    request.addEventListener("error", fallBack);
    request.send(body);
  });
})();
