// Progressive enhancement for the recipe form: it works without this file.
// Adds rows on demand, shows the chosen photo and a live estimate of the cost per portion.
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
      var text = "Ongeveer " + euro(Math.round(total / people * 100) / 100) + " per persoon.";
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
      var hidden = list.querySelector("[data-rij=" + kind + "][hidden]");
      var row = hidden;
      if (!row) {
        var all = list.querySelectorAll("[data-rij=" + kind + "]");
        var last = all[all.length - 1];
        row = last.cloneNode(true);
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
      }
      row.hidden = false;
      var field = row.querySelector("input, textarea");
      if (field) field.focus();
    });
    list.parentNode.insertBefore(button, list.nextSibling);
  }

  function setupPhoto(form) {
    var input = form.querySelector("input[type=file]");
    var shown = form.querySelector("[data-gekozen]");
    if (!input || !shown) return;
    input.addEventListener("change", function () {
      shown.textContent = "";
      var file = input.files && input.files[0];
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
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.formulier").forEach(function (form) {
      form.querySelectorAll("[data-lijst]").forEach(setupList);
      setupCost(form);
      setupPhoto(form);
    });
    var summary = document.getElementById("fouten");
    if (summary) summary.focus();
  });
})();
