// Progressive enhancement for the recipe form: it works without this file.
// Shows the form one question at a time, adds rows on demand, hides amount and price for
// "naar smaak", shows the chosen photo and a live estimate of the cost per portion, keeps a
// copy of what was typed in the browser until the recipe is sent (with the screen she is
// on), and shrinks a large photo before it is sent.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  var GRAMS = { g: 1, kg: 1000 };
  var MILLILITRES = { ml: 1, cl: 10, dl: 100, l: 1000, el: 15, tl: 5 };

  function dimension(unit) {
    if (unit in GRAMS) return "gewicht";
    if (unit in MILLILITRES) return "volume";
    return "stuk";
  }
  function factor(unit) { return GRAMS[unit] || MILLILITRES[unit] || 1; }
  function normalise(name) { return name.toLowerCase().split(/\s+/).filter(Boolean).join(" "); }
  function number(text) {
    var cleaned = (text || "").replace(/€|euro|\s/g, "").replace(",", ".");
    return /^\d+(\.\d+)?$/.test(cleaned) ? parseFloat(cleaned) : null;
  }
  function toGrams(amount, unit, entry) {
    if (unit in GRAMS) return amount * GRAMS[unit];
    if (unit === "stuk") return entry.gewicht_per_stuk ? amount * entry.gewicht_per_stuk : null;
    if (entry.gram_per_el) return amount * MILLILITRES[unit] / 15 * entry.gram_per_el;
    return null;
  }
  function fromGrams(grams, entry) {
    if (entry.eenheid in GRAMS) return grams / GRAMS[entry.eenheid];
    if (entry.eenheid === "stuk") return entry.gewicht_per_stuk ? grams / entry.gewicht_per_stuk : null;
    if (entry.gram_per_el) return grams / entry.gram_per_el * 15 / MILLILITRES[entry.eenheid];
    return null;
  }
  function convert(amount, unit, entry) {
    if (dimension(unit) === dimension(entry.eenheid)) return amount * factor(unit) / factor(entry.eenheid);
    var grams = toGrams(amount, unit, entry);
    return grams === null ? null : fromGrams(grams, entry);
  }
  function euro(value) {
    return "€\u00a0" + value.toFixed(2).replace(".", ",");
  }

  function setupCost(form) {
    var output = form.querySelector("[data-kost]");
    var portions = form.querySelector("[name=porties]");
    var prices;
    try { prices = JSON.parse(form.getAttribute("data-prijzen") || "[]"); } catch (e) { return; }
    if (!output || !portions) return;
    function find(name) {
      var wanted = normalise(name);
      for (var i = 0; i < prices.length; i++) {
        if (prices[i].namen.some(function (n) { return normalise(n) === wanted; })) return prices[i];
      }
      return null;
    }
    function update() {
      var total = 0, unknown = [], any = false;
      form.querySelectorAll("[data-rij=ingredient]").forEach(function (row) {
        var name = row.querySelector("[name=ingredient_naam]").value.trim();
        var unit = row.querySelector("[name=ingredient_eenheid]").value;
        if (!name || unit === "naar-smaak") return;
        var paid = number(row.querySelector("[name=ingredient_prijs]").value);
        var amount = number(row.querySelector("[name=ingredient_hoeveelheid]").value);
        any = true;
        if (paid !== null) { total += Math.round(paid * 100) / 100; return; }
        var entry = find(name);
        var used = entry && amount !== null && unit ? convert(amount, unit, entry) : null;
        if (used === null) { unknown.push(name); return; }
        total += Math.round(entry.prijs * used / entry.hoeveelheid * 100) / 100;
      });
      var people = parseInt(portions.value, 10);
      if (!any || !(people > 0)) { output.hidden = true; return; }
      var text = "Ongeveer " + euro(Math.round(total / people * 100) / 100) + " per portie.";
      if (unknown.length) text += " Nog zonder prijs: " + unknown.join(", ") + ".";
      output.textContent = text;
      output.hidden = false;
    }
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    update();
  }

  function isEmpty(row) {
    return Array.prototype.every.call(row.querySelectorAll("input, textarea, select"), function (field) {
      return !field.value.trim();
    });
  }

  function addRow(list) {
    var kind = list.getAttribute("data-lijst");
    var all = list.querySelectorAll("[data-rij=" + kind + "]");
    var row = all[all.length - 1].cloneNode(true);
    var number = all.length + 1;
    row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace(/\d+/, number); });
    row.querySelectorAll("label[for]").forEach(function (el) {
      el.htmlFor = el.htmlFor.replace(/\d+/, number);
    });
    row.querySelectorAll("input, textarea").forEach(function (el) { el.value = ""; });
    row.querySelectorAll("select").forEach(function (el) { el.selectedIndex = 0; });
    row.querySelectorAll(".fout").forEach(function (el) { el.remove(); });
    row.querySelectorAll("[aria-invalid]").forEach(function (el) {
      el.removeAttribute("aria-invalid"); el.removeAttribute("aria-describedby");
    });
    row.classList.remove("rij--fout");
    row.id = row.id ? row.id.replace(/\d+/, number) : "";
    row.querySelector("[data-nummer]").textContent = number;
    list.appendChild(row);
    return row;
  }

  function setupList(list) {
    var kind = list.getAttribute("data-lijst");
    var rows = Array.prototype.slice.call(list.querySelectorAll("[data-rij=" + kind + "]"));
    var firstEmpty = true;
    rows.forEach(function (row) {
      if (isEmpty(row)) {
        if (!firstEmpty && !row.querySelector("[aria-invalid]")) row.hidden = true;
        firstEmpty = false;
      }
    });
    var button = document.createElement("button");
    button.type = "button";
    button.className = "knop knop--tweede knop--klein";
    button.textContent = kind === "ingredient" ? "+ Nog een ingrediënt" : "+ Nog een stap";
    button.addEventListener("click", function () {
      var row = list.querySelector("[data-rij=" + kind + "][hidden]") || addRow(list);
      row.hidden = false;
      var field = row.querySelector("input, textarea");
      if (field) field.focus();
    });
    list.parentNode.insertBefore(button, list.nextSibling);
  }

  // "Naar smaak" has neither amount nor price: their boxes are hidden (the server ignores
  // them for such a row, so what was typed there before does no harm).
  function setupToTaste(form) {
    function update(row) {
      var unit = row.querySelector("[name=ingredient_eenheid]");
      var toTaste = unit && unit.value === "naar-smaak";
      row.classList.toggle("rij--naar-smaak", !!toTaste);
      row.querySelectorAll("[data-hoeveelheid], [data-prijs]").forEach(function (box) {
        box.hidden = !!toTaste;
      });
    }
    form.querySelectorAll("[data-rij=ingredient]").forEach(update);
    form.addEventListener("change", function (event) {
      if (event.target.name !== "ingredient_eenheid") return;
      var row = event.target.closest("[data-rij=ingredient]");
      if (row) update(row);
    });
  }

  // A phone photo (12 megapixels, several MB) is drawn onto a canvas with its long side at
  // MAX_SIDE and sent as a JPEG: seconds instead of minutes on a slow connection. Whatever
  // goes wrong (no canvas, a format the browser cannot draw, no DataTransfer), the original
  // is sent; the server checks and re-encodes every photo it receives anyway.
  var MAX_SIDE = 2000;
  var QUALITY = 0.85;
  var SMALL_ENOUGH = 1024 * 1024; // bytes: a photo this small is sent as it is
  var SHRINK_TIMEOUT = 20000;

  function shrink(file) {
    return new Promise(function (resolve) {
      var canvas = document.createElement("canvas");
      if (!window.URL || !canvas.toBlob || !window.DataTransfer) { resolve(null); return; }
      var url = URL.createObjectURL(file);
      var img = new Image();
      var done = false;
      function finish(result) {
        if (done) return;
        done = true;
        URL.revokeObjectURL(url);
        resolve(result);
      }
      setTimeout(function () { finish(null); }, SHRINK_TIMEOUT);
      img.onerror = function () { finish(null); };
      img.onload = function () {
        var width = img.naturalWidth, height = img.naturalHeight;
        var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
        if (!width || !height || (scale === 1 && file.size <= SMALL_ENOUGH)) { finish(null); return; }
        try {
          canvas.width = Math.round(width * scale);
          canvas.height = Math.round(height * scale);
          canvas.getContext("2d").drawImage(img, 0, 0, canvas.width, canvas.height);
          canvas.toBlob(function (blob) {
            if (!blob || blob.size >= file.size) { finish(null); return; }
            var name = (file.name || "foto").replace(/\.[^.]*$/, "") + ".jpg";
            finish(new File([blob], name, { type: "image/jpeg" }));
          }, "image/jpeg", QUALITY);
        } catch (e) {
          finish(null);
        }
      };
      img.src = url; // the browser turns the photo upright (EXIF orientation) as it draws it
    });
  }

  function replaceFile(input, file) {
    try {
      var transfer = new DataTransfer();
      transfer.items.add(file);
      input.files = transfer.files;
      return input.files.length === 1 && input.files[0].size === file.size;
    } catch (e) {
      return false;
    }
  }

  function setupPhoto(form) {
    var input = form.querySelector("input[type=file]");
    var shown = form.querySelector("[data-gekozen]");
    if (!input || !shown) return;
    var limit = parseInt(input.getAttribute("data-max-bytes"), 10) || Infinity;
    var pending = null, round = 0, submitting = false;

    function tooLarge() {
      shown.textContent = "";
      var message = document.createElement("span");
      message.className = "fout";
      message.textContent = "Deze foto is te groot: hoogstens " + Math.floor(limit / 1048576) +
        " MB. Kies een andere foto.";
      shown.appendChild(message);
      input.value = "";
    }

    input.addEventListener("change", function () {
      shown.textContent = "";
      var file = input.files && input.files[0];
      var mine = ++round;
      pending = null;
      if (!file) return;
      var label = document.createElement("span");
      label.textContent = "Gekozen: " + file.name;
      shown.appendChild(label);
      if (/^image\/(jpeg|png|webp|gif)$/.test(file.type) && window.URL) {
        var img = document.createElement("img");
        img.alt = "Jouw gekozen foto";
        img.src = URL.createObjectURL(file);
        img.className = "gekozen-foto";
        shown.appendChild(img);
      }
      pending = shrink(file).then(function (smaller) {
        if (mine !== round) return; // another photo was chosen meanwhile
        if (smaller) replaceFile(input, smaller);
        var sent = input.files && input.files[0];
        if (sent && sent.size > limit) tooLarge();
        pending = null;
      });
    });

    form.addEventListener("submit", function (event) {
      if (!pending || submitting) return;
      event.preventDefault(); // wait until the photo is ready, then send
      submitting = true;
      var button = form.querySelector("button[type=submit]");
      if (button) { button.disabled = true; button.textContent = "Even geduld: de foto wordt klaargemaakt…"; }
      pending.then(function () {
        HTMLFormElement.prototype.submit.call(form);
      });
    });
  }

  // A copy of what was typed, kept in the browser (never the photo) until the recipe is
  // sent: a reload, a closed tab or an empty battery loses nothing.
  var DRAFT_KEY = "kookboek-concept";
  var REPEATED = { ingredient_naam: "ingredient", ingredient_hoeveelheid: "ingredient",
    ingredient_eenheid: "ingredient", ingredient_prijs: "ingredient", stap: "stap" };

  function browserStorage() {
    try {
      var storage = window.localStorage;
      storage.setItem(DRAFT_KEY + "-test", "1");
      storage.removeItem(DRAFT_KEY + "-test");
      return storage;
    } catch (e) {
      return null;
    }
  }

  function draftFields(form) {
    return Array.prototype.filter.call(form.elements, function (field) {
      return field.name && field.type !== "file" && field.name !== "csrf_token" &&
        field.type !== "submit" && field.type !== "button" && !field.closest(".hp");
    });
  }

  function collect(form, photoKept) {
    var values = {};
    draftFields(form).forEach(function (field) {
      var list = values[field.name] || (values[field.name] = []);
      if (field.type === "checkbox" || field.type === "radio") {
        if (field.checked) list.push(field.value);
      } else {
        list.push(field.value);
      }
    });
    var photo = form.querySelector("input[type=file]");
    return { versie: 1, velden: values, foto: !!(photo && photo.files && photo.files.length),
      fotoBewaard: photoKept, scherm: parseInt(form.getAttribute("data-scherm-nu"), 10) || 0 };
  }

  function hasText(draft) {
    return Object.keys(draft.velden).some(function (name) {
      return name !== "concept" && draft.velden[name].some(function (value) { return value.trim(); });
    });
  }

  function restore(form, draft) {
    if (draft.scherm) form.setAttribute("data-scherm-nu", String(draft.scherm));
    var needed = {};
    Object.keys(REPEATED).forEach(function (name) {
      var kind = REPEATED[name];
      needed[kind] = Math.max(needed[kind] || 0, (draft.velden[name] || []).length);
    });
    Object.keys(needed).forEach(function (kind) {
      var list = form.querySelector("[data-lijst=" + kind + "]");
      while (list && list.querySelectorAll("[data-rij=" + kind + "]").length < needed[kind]) addRow(list);
    });
    var seen = {};
    draftFields(form).forEach(function (field) {
      var values = draft.velden[field.name];
      if (!values) return;
      if (field.type === "checkbox" || field.type === "radio") {
        field.checked = values.indexOf(field.value) >= 0;
      } else {
        var index = seen[field.name] || 0;
        seen[field.name] = index + 1;
        if (index < values.length) field.value = values[index];
      }
    });
  }

  function setupDraft(form) {
    var storage = browserStorage();
    if (!storage) return;
    var photoKept = !!form.querySelector(".bewaard"); // the draft on the server has a photo
    function save() {
      try { storage.setItem(DRAFT_KEY, JSON.stringify(collect(form, photoKept))); } catch (e) { /* full */ }
    }
    var stored;
    try { stored = JSON.parse(storage.getItem(DRAFT_KEY) || "null"); } catch (e) { stored = null; }
    if (form.hasAttribute("data-ingevuld")) {
      save(); // the server showed the recipe again: that is now the copy to keep
      // Shown again as the answer to a post: make this history entry a plain GET of the
      // form, so Back or reload later loads the form (and this copy) instead of asking to
      // send the post again ("Confirm Form Resubmission", ERR_CACHE_MISS).
      if (window.history && history.replaceState) history.replaceState(null, "", location.href);
    } else if (stored && stored.versie === 1 && stored.velden && hasText(stored)) {
      restore(form, stored);
      photoKept = !stored.foto && !!stored.fotoBewaard;
      var notice = document.querySelector("[data-teruggezet]");
      if (notice) {
        notice.hidden = false;
        notice.querySelector("[data-foto-opnieuw]").hidden = !stored.foto;
        notice.querySelector("[data-foto-bewaard]").hidden = stored.foto || !stored.fotoBewaard;
      }
    }
    form.addEventListener("input", save);
    form.addEventListener("change", save);
    window.addEventListener("pagehide", save);

    var again = form.querySelector("[data-opnieuw]");
    if (again) {
      again.hidden = false;
      again.addEventListener("click", function () {
        if (!window.confirm("Wil je alles wissen en opnieuw beginnen? Wat je typte, is dan weg.")) return;
        window.removeEventListener("pagehide", save);
        storage.removeItem(DRAFT_KEY);
        window.location.assign(form.getAttribute("action"));
      });
    }
  }

  // One question at a time (GOV.UK's "one thing per page"): with this script the form is a
  // row of short screens with "Stap 3 van 9", Terug and Verder. Each screen is checked by
  // the server's own rules (POST /controleren, which stores nothing) before the next one,
  // and its messages are shown at their fields; the last screen sends the form to the
  // review page. Without this script the form is one page, as always. The screen she is
  // on is kept with the draft; Back on the phone goes to the screen before.
  function setupSteps(form) {
    var names = [];
    var screens = [];
    form.querySelectorAll("[data-scherm]").forEach(function (section) {
      var name = section.getAttribute("data-scherm");
      var at = names.indexOf(name);
      if (at < 0) { names.push(name); screens.push([section]); } else { screens[at].push(section); }
    });
    if (screens.length < 2) return;
    form.classList.add("stap-voor-stap");
    var submit = form.querySelector("button[type=submit]");
    var counter = document.createElement("p");
    counter.className = "stap-teller";
    counter.setAttribute("data-stap-teller", "");
    counter.setAttribute("aria-live", "polite");
    var bar = document.createElement("progress");
    bar.className = "stap-balk";
    bar.max = screens.length;
    bar.setAttribute("aria-hidden", "true");
    form.insertBefore(bar, screens[0][0]);
    form.insertBefore(counter, bar);
    var nav = document.createElement("div");
    nav.className = "stap-knoppen";
    var back = document.createElement("button");
    back.type = "button";
    back.className = "knop knop--tweede";
    back.textContent = "Terug";
    back.setAttribute("data-terug", "");
    var next = document.createElement("button");
    next.type = "button";
    next.className = "knop";
    next.textContent = "Verder";
    next.setAttribute("data-verder", "");
    nav.appendChild(back);
    nav.appendChild(next);
    form.insertBefore(nav, submit);
    nav.appendChild(submit);
    var intro = document.querySelectorAll(".intro, .intro ~ .hulp");
    var current = -1;
    var pushed = 0;

    function screenOf(element) {
      for (var i = 0; i < screens.length; i++) {
        if (screens[i].some(function (section) { return section.contains(element); })) return i;
      }
      return -1;
    }

    function show(index, moveFocus) {
      index = Math.max(0, Math.min(screens.length - 1, index));
      current = index;
      screens.forEach(function (sections, i) {
        sections.forEach(function (section) { section.hidden = i !== index; });
      });
      intro.forEach(function (paragraph) { paragraph.hidden = index > 0; });
      counter.textContent = "Stap " + (index + 1) + " van " + screens.length;
      bar.value = index + 1;
      back.hidden = index === 0;
      next.hidden = index === screens.length - 1;
      submit.hidden = index !== screens.length - 1;
      form.setAttribute("data-scherm-nu", String(index));
      if (moveFocus) {
        form.dispatchEvent(new Event("change", { bubbles: true })); // the draft keeps the screen
        var heading = screens[index][0].querySelector("h2");
        if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
        window.scrollTo(0, 0);
      }
    }

    function filledRows(kind) {
      return Array.prototype.filter.call(form.querySelectorAll("[data-rij=" + kind + "]"),
        function (row) { return !isEmpty(row); });
    }

    // Where the server's template puts the message of a field (see _fields.html).
    function placeOf(key) {
      var row = /^(ingredient|stap)-(\d+)$/.exec(key);
      if (row) {
        var found = filledRows(row[1])[parseInt(row[2], 10) - 1];
        if (!found) return null;
        if (row[1] === "ingredient") {
          return { field: found.querySelector("input"), parent: found,
            before: found.querySelector("legend").nextSibling, row: found };
        }
        var text = found.querySelector("textarea");
        return { field: text, parent: found, before: text };
      }
      if (key === "categorie" || key === "competenties") {
        var choice = form.querySelector("[name=" + key + "]");
        var box = choice && choice.closest(".keuzes");
        return box ? { field: choice, parent: box.parentNode, before: box,
          marked: choice.closest("fieldset") } : null;
      }
      if (key === "ingredienten" || key === "stappen") {
        var list = form.querySelector("[data-lijst=" + (key === "stappen" ? "stap" : "ingredient") + "]");
        return list ? { field: list.querySelector("input, textarea"), parent: list.parentNode,
          before: list } : null;
      }
      var field = document.getElementById(key);
      return field && form.contains(field) ? { field: field, parent: field.parentNode, before: field } : null;
    }

    function clearErrors(index) {
      screens[index].forEach(function (section) {
        section.querySelectorAll("p.fout").forEach(function (message) { message.remove(); });
        section.querySelectorAll("[aria-invalid]").forEach(function (field) {
          field.removeAttribute("aria-invalid");
          field.removeAttribute("aria-describedby");
        });
        section.querySelectorAll(".rij--fout").forEach(function (r) { r.classList.remove("rij--fout"); });
      });
    }

    function showError(key, text, place) {
      var message = document.createElement("p");
      message.className = "fout";
      message.id = "fout-" + key;
      var sign = document.createElement("span");
      sign.className = "fout__teken";
      sign.setAttribute("aria-hidden", "true");
      sign.textContent = "!";
      message.appendChild(sign);
      message.appendChild(document.createTextNode(" " + text));
      place.parent.insertBefore(message, place.before);
      var marked = place.marked || place.field;
      if (marked) {
        marked.setAttribute("aria-invalid", "true");
        marked.setAttribute("aria-describedby", message.id);
      }
      if (place.row) place.row.classList.add("rij--fout");
    }

    // The messages of this screen, from the server; none when it cannot be asked (it
    // checks everything again when the form is sent).
    var CHECK_TIMEOUT = 8000; // a slow connection: on without the check, not stuck

    function check(index) {
      var data = new FormData(form);
      data.delete("foto");
      var abort = window.AbortController ? new AbortController() : null;
      var timer = abort && setTimeout(function () { abort.abort(); }, CHECK_TIMEOUT);
      return fetch(form.getAttribute("data-controleren"), {
        method: "POST", body: data, credentials: "same-origin",
        headers: { Accept: "application/json" }, signal: abort ? abort.signal : undefined,
      }).then(function (response) {
        // The timer runs on until the whole answer is read: a body that stalls is aborted too.
        return response.ok ? response.json() : { fouten: {} };
      }).then(function (answer) {
        clearTimeout(timer);
        clearErrors(index);
        var first = null;
        Object.keys(answer.fouten || {}).forEach(function (key) {
          var place = placeOf(key);
          if (!place || screenOf(place.before || place.field) !== index) return;
          showError(key, answer.fouten[key], place);
          if (!first) first = place.field;
        });
        return first;
      }, function () {
        clearTimeout(timer);
        return null;
      });
    }

    function forward() {
      if (next.disabled) return;
      next.disabled = true;
      check(current).then(function (problem) {
        next.disabled = false;
        if (problem) {
          problem.focus();
          return;
        }
        show(current + 1, true);
        if (window.history && history.pushState) {
          history.pushState({ kookboekScherm: current }, "", location.href);
          pushed += 1;
        }
      });
    }

    next.addEventListener("click", forward);
    back.addEventListener("click", function () {
      if (pushed > 0) { history.back(); return; } // the popstate below shows the screen
      show(current - 1, true);
      if (window.history && history.replaceState) {
        history.replaceState({ kookboekScherm: current }, "", location.href);
      }
    });
    window.addEventListener("popstate", function (event) {
      var state = event.state;
      if (!state || typeof state.kookboekScherm !== "number") return;
      pushed = Math.max(0, pushed - 1);
      show(state.kookboekScherm, true);
    });
    // Enter in a box sends the form: before the last screen it means Verder.
    form.addEventListener("submit", function (event) {
      if (current === screens.length - 1) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      forward();
    });
    // The summary of the server's messages: a link goes to the screen of its field.
    document.querySelectorAll(".samenvatting a[href^='#fout-']").forEach(function (link) {
      link.addEventListener("click", function (event) {
        var target = document.getElementById(link.getAttribute("href").slice(1));
        if (!target || screenOf(target) < 0) return;
        event.preventDefault();
        show(screenOf(target), false);
        target.scrollIntoView();
      });
    });

    var firstError = form.querySelector("[data-scherm] p.fout[id^='fout-']");
    var stored = parseInt(form.getAttribute("data-scherm-nu"), 10);
    var start = firstError ? screenOf(firstError) : (stored > 0 ? stored : 0);
    show(start, false);
    if (window.history && history.replaceState) {
      history.replaceState({ kookboekScherm: current }, "", location.href);
    }
  }

  function forgetDraft() {
    var storage = browserStorage();
    if (storage) storage.removeItem(DRAFT_KEY);
  }

  // On the review page: the browser's copy learns the draft's token, so Back to the form
  // and sending again changes this draft (and keeps its photo) instead of making another.
  function rememberToken(shown) {
    var storage = browserStorage();
    var stored;
    try { stored = JSON.parse(storage && storage.getItem(DRAFT_KEY) || "null"); } catch (e) { return; }
    if (!stored || !stored.velden) return;
    stored.velden.concept = [shown.getAttribute("data-concept")];
    stored.foto = false; // a photo chosen before is with the draft now
    stored.fotoBewaard = shown.hasAttribute("data-foto-bewaard");
    try { storage.setItem(DRAFT_KEY, JSON.stringify(stored)); } catch (e) { /* full */ }
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("[data-verstuurd]")) forgetDraft();
    var review = document.querySelector("[data-concept]");
    if (review) rememberToken(review);
    document.querySelectorAll("form.formulier").forEach(function (form) {
      if (form.hasAttribute("data-concept-bewaren")) setupDraft(form);
      form.querySelectorAll("[data-lijst]").forEach(setupList);
      setupToTaste(form);
      setupCost(form);
      if (form.hasAttribute("data-stap-voor-stap")) setupSteps(form);
      setupPhoto(form);
    });
    var first = document.getElementById("fouten") || document.getElementById("melding");
    if (first) first.focus();
  });
})();
