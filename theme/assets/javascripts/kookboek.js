/* Recipe overview filters (state kept in the URL), the portion scaler and the print button.
 * Without scripts the overview's numbered pages reach every recipe and the filters are
 * hidden (a <noscript> style in main.html). With scripts, a choice asks the overview's card
 * index (Pagefind, src/kookboek/site/card_index.py) which recipes fit, in the chosen order,
 * and fetches the cards it shows: never every recipe. With Material's instant navigation the
 * page is swapped without a reload, so setup runs on every document$. */
(function () {
  "use strict";

  // The same names open the filters early in templates/site/overview.html.
  var FIELDS = ["max", "soort", "competentie", "dieet", "zonder-oven", "sorteer"];
  var SHOWN = 24; // cards per "Toon meer", as many as on a page of the overview
  var money = new Intl.NumberFormat("nl-BE", { style: "currency", currency: "EUR" });
  var cardIndexes = {};

  function hasOption(select, value) {
    return Array.prototype.some.call(select.options, function (option) {
      return option.value === value;
    });
  }

  function restore(form) {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      var value = params.get(name);
      if (field.type === "checkbox") {
        field.checked = value === "1";
      } else if (value !== null && hasOption(field, value)) {
        field.value = value;
      }
    });
  }

  function readState(form) {
    var state = {};
    FIELDS.forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (!field) return;
      if (field.type === "checkbox") {
        state[name] = field.checked ? "1" : "";
      } else {
        state[name] = field.value;
      }
    });
    if (state.sorteer === "prijs") state.sorteer = ""; // the default needs no place in the URL
    return state;
  }

  function chosen(state) {
    return FIELDS.some(function (name) {
      return state[name];
    });
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      if (state[name]) params.set(name, state[name]);
    });
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  // The card index's filters for a choice: each recipe is filed under the lowest price band
  // it fits ("1.00", "1.50", ..., "meer"), so "at most 1.50" is any band up to 1.50.
  function indexFilters(form, state) {
    var filters = {};
    if (state.max) {
      var max = parseFloat(state.max);
      filters.prijs = {
        any: Array.prototype.map
          .call(form.elements.namedItem("max").options, function (option) {
            return option.value;
          })
          .filter(function (value) {
            return value && parseFloat(value) <= max;
          }),
      };
    }
    if (state.soort) filters.soort = state.soort;
    if (state.competentie) filters.competentie = state.competentie;
    if (state.dieet) filters.dieet = state.dieet;
    if (state["zonder-oven"]) filters.oven = "nee";
    return filters;
  }

  // How many of ``totals`` (Pagefind's counts per filter value) a choice would show: for
  // "at most" every band up to it.
  function choiceCount(totals, field, value) {
    if (field === "max") {
      var max = parseFloat(value);
      return Object.keys(totals.prijs || {}).reduce(function (sum, band) {
        return parseFloat(band) <= max ? sum + totals.prijs[band] : sum;
      }, 0);
    }
    if (field === "zonder-oven") return (totals.oven || {}).nee || 0;
    return (totals[field] || {})[value] || 0;
  }

  function cardIndex(form) {
    var script = new URL(form.getAttribute("data-kb-cards-index"), window.location.href).href;
    if (!cardIndexes[script]) {
      var root = new URL(form.getAttribute("data-kb-root") || "./", window.location.href);
      cardIndexes[script] = import(script).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname }).then(function () {
          return pagefind;
        });
      });
      // A failed load may be tried again (the network came back).
      cardIndexes[script].catch(function () {
        delete cardIndexes[script];
      });
    }
    return cardIndexes[script];
  }

  // A card as the build wrote it (site/card.html, escaped there): the index holds it as text.
  function cardFrom(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    return template.content.firstElementChild;
  }

  function setupOverview(root) {
    var form = root.querySelector("[data-kb-filters]");
    var list = root.querySelector("[data-kb-cards]");
    if (!form || !list || form.dataset.kbReady) return;
    form.dataset.kbReady = "1";
    var pageCards = Array.prototype.slice.call(list.children);
    var total = parseInt(form.dataset.kbTotal, 10);
    var count = form.querySelector("[data-kb-count]");
    var empty = root.querySelector("[data-kb-empty]");
    var more = root.querySelector("[data-kb-more]");
    var pages = root.querySelector("[data-kb-pages]");
    var found = [];
    var latest = 0;

    function say(text) {
      count.textContent = text;
    }

    function counted(number) {
      return number === 1 ? "1 recept" : number + " recepten";
    }

    // The next cards of the answer: only theirs are fetched.
    function showMore(asked) {
      var from = list.children.length;
      return Promise.all(
        found.slice(from, from + SHOWN).map(function (result) {
          return result.data();
        })
      ).then(function (records) {
        if (asked !== latest) return;
        records.forEach(function (record) {
          var card = cardFrom(record.meta.kaart);
          if (card) list.appendChild(card);
        });
        more.hidden = list.children.length >= found.length;
        document.dispatchEvent(new CustomEvent("kookboek:cards"));
      });
    }

    function showPage() {
      latest += 1;
      list.removeAttribute("aria-busy");
      found = [];
      list.replaceChildren.apply(list, pageCards);
      if (pages) pages.hidden = false;
      more.hidden = true;
      if (empty) empty.hidden = true;
      say(counted(total));
    }

    function apply(updateUrl) {
      var state = readState(form);
      if (updateUrl) writeUrl(state);
      if (!chosen(state)) {
        showPage();
        return;
      }
      var asked = ++latest;
      say("Even zoeken…");
      list.setAttribute("aria-busy", "true");
      var order = {};
      order[state.sorteer || "prijs"] = "asc";
      cardIndex(form)
        .then(function (pagefind) {
          return pagefind.search(null, { filters: indexFilters(form, state), sort: order });
        })
        .then(function (answer) {
          if (asked !== latest) return null;
          found = answer.results;
          list.textContent = "";
          if (pages) pages.hidden = true;
          if (empty) empty.hidden = found.length > 0;
          say(counted(found.length));
          return showMore(asked);
        })
        .catch(function () {
          if (asked === latest) say("Kiezen lukt nu niet. Heb je internet? Probeer het straks opnieuw.");
        })
        .then(function () {
          if (asked === latest) list.removeAttribute("aria-busy");
        });
    }

    restore(form);
    var details = form.querySelector("[data-kb-details]");
    var state = readState(form);
    // Open on a wide screen or when a shared link chose something; folded on a phone.
    if (details && (chosen(state) || window.matchMedia("(min-width: 45em)").matches)) {
      details.open = true;
    }
    form.addEventListener("change", function () {
      apply(true);
    });
    // "Klaar" folds the choices away, so that on a phone the cards come into view.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (details) details.open = false;
      form.scrollIntoView({ block: "start" });
    });
    form.querySelector("[data-kb-reset]").addEventListener("click", function () {
      form.reset();
      apply(true);
    });
    more.addEventListener("click", function () {
      if (list.hasAttribute("aria-busy")) return; // a second tap while the cards come
      var first = list.children.length;
      var asked = latest;
      list.setAttribute("aria-busy", "true");
      showMore(asked)
        .then(function () {
          // Focus goes to the first new card, so a screen reader and the keyboard go on there.
          var next = list.children[first];
          if (next && asked === latest) next.querySelector("a").focus();
        })
        .catch(function () {
          if (asked === latest) say("Meer tonen lukt nu niet. Heb je internet? Probeer het straks opnieuw.");
        })
        .then(function () {
          if (asked === latest) list.removeAttribute("aria-busy");
        });
    });
    form.hidden = false;
    if (chosen(state)) apply(false); // a shared link: only then is the index asked at once
  }

  // Counted amounts (an onion, a spoon) are scaled to what a cook can take: a half, or a
  // quarter below one. Grams and millilitres to the gram from 10 on. The amounts the recipe
  // gives for its own portions are shown as written.
  var COUNTED = { stuk: true, eetlepel: true, theelepel: true };

  function kitchenAmount(value, unit) {
    if (!COUNTED[unit]) return value;
    if (value < 1) return Math.max(0.25, Math.round(value * 4) / 4);
    return Math.round(value * 2) / 2;
  }

  // ``unit``: only for an amount scaled from the recipe's own (which is shown as written).
  function amountText(value, unit) {
    var whole = (unit === "g" || unit === "ml") && value >= 10;
    var digits = whole || value >= 100 ? 0 : value >= 10 ? 1 : 2;
    return new Intl.NumberFormat("nl-BE", { maximumFractionDigits: digits }).format(value);
  }

  // Whole numbers only, so that no cent is lost to a floating point: a / b rounded down,
  // and rounded half up (a >= 0, b > 0).
  function divide(a, b) {
    return (a - (a % b)) / b;
  }

  function halfUp(a, b) {
    return divide(2 * a + b, 2 * b);
  }

  // The costs shown for ``portions``, in cents: the lines add up to the total. The same
  // arithmetic as scale_cost in src/kookboek/pricing/cost.py (its docstring says why):
  // the total rounded half up; each line its share rounded down, then the cents still
  // missing one by one to the lines with the largest remainders (on a tie, the first).
  function scaleCosts(lines, base, portions) {
    var known = 0;
    var shares = lines.map(function (value) {
      if (value === null) return null;
      known += value;
      return divide(value * portions, base);
    });
    var total = halfUp(known * portions, base);
    var missing = total;
    shares.forEach(function (share) {
      if (share !== null) missing -= share;
    });
    lines
      .map(function (value, index) {
        return { index: index, rest: value === null ? -1 : (value * portions) % base };
      })
      .filter(function (line) {
        return line.rest >= 0;
      })
      .sort(function (a, b) {
        return b.rest - a.rest || a.index - b.index;
      })
      .slice(0, missing)
      .forEach(function (line) {
        shares[line.index] += 1;
      });
    return { lines: shares, total: total, perPortion: halfUp(total, portions) };
  }

  function euros(amount) {
    return money.format(amount / 100);
  }

  function setupScaler(root) {
    var recipe = root.querySelector("[data-kb-recipe]");
    if (!recipe) return;
    var scaler = recipe.querySelector("[data-kb-scaler]");
    var input = recipe.querySelector("[data-kb-portions-input]");
    if (!scaler || !input || scaler.dataset.kbReady) return;
    scaler.dataset.kbReady = "1";
    var base = parseInt(recipe.dataset.portions, 10);
    var rows = Array.prototype.slice.call(recipe.querySelectorAll("tr[data-kb-amount]"));
    var total = recipe.querySelector("[data-kb-total]");
    var totalCell = recipe.querySelector("[data-kb-total-cell]");
    var perPortion = recipe.querySelector("[data-kb-per-portion]");
    // Each line's cost in cents for the recipe's own portions (null: a preview without it).
    var lineCents = rows.map(function (row) {
      var cost = row.dataset.kbCost;
      return cost === undefined ? null : Math.round(parseFloat(cost) * 100);
    });

    function update() {
      var portions = parseInt(input.value, 10);
      if (isNaN(portions) || portions < 1) return;
      portions = Math.min(portions, 99);
      var factor = portions / base;
      var costs = scaleCosts(lineCents, base, portions);
      rows.forEach(function (row, index) {
        var amount = parseFloat(row.dataset.kbAmount) * factor;
        if (factor !== 1) amount = kitchenAmount(amount, row.dataset.kbUnit);
        var unit = amount <= 1 ? row.dataset.kbUnit : row.dataset.kbUnits;
        row.querySelector("[data-kb-qty]").textContent =
          amountText(amount, factor !== 1 ? row.dataset.kbUnit : null) + " " + unit;
        if (costs.lines[index] === null) return; // a preview: price not known yet
        row.querySelector("[data-kb-line-cost]").textContent = euros(costs.lines[index]);
      });
      var scaled = euros(costs.total);
      total.textContent = scaled;
      totalCell.textContent = scaled;
      if (perPortion) perPortion.textContent = euros(costs.perPortion);
      recipe.querySelectorAll("[data-kb-portions]").forEach(function (element) {
        element.textContent = String(portions);
      });
    }

    scaler.querySelectorAll("[data-kb-step]").forEach(function (button) {
      button.addEventListener("click", function () {
        var current = parseInt(input.value, 10) || base;
        var next = Math.min(99, Math.max(1, current + parseInt(button.dataset.kbStep, 10)));
        input.value = String(next);
        update();
      });
    });
    input.addEventListener("input", update);
    input.addEventListener("change", update);
    scaler.hidden = false;
  }

  function setupPrint(root) {
    root.querySelectorAll("[data-kb-print]").forEach(function (button) {
      if (button.dataset.kbReady) return;
      button.dataset.kbReady = "1";
      button.addEventListener("click", function () {
        window.print();
      });
      button.hidden = false;
    });
  }

  // Sharing a recipe: the phone's own menu (Web Share API) where there is one, else a
  // WhatsApp link and a button that copies the address. No script from another site.
  function setupShare(root) {
    root.querySelectorAll("[data-kb-share]").forEach(function (box) {
      if (box.dataset.kbReady) return;
      box.dataset.kbReady = "1";
      var url = box.dataset.url || window.location.href.split("#")[0];
      var title = box.dataset.title || document.title;
      var status = box.querySelector("[data-kb-share-status]");
      var native = box.querySelector("[data-kb-share-native]");
      var whatsapp = box.querySelector("[data-kb-share-whatsapp]");
      var copy = box.querySelector("[data-kb-share-copy]");
      whatsapp.href = "https://wa.me/?text=" + encodeURIComponent(title + " " + url);
      if (navigator.share) {
        native.hidden = false;
        whatsapp.hidden = true;
        native.addEventListener("click", function () {
          navigator.share({ title: title, url: url }).catch(function () {
            // Closed without sharing: nothing to say.
          });
        });
        return;
      }
      if (navigator.clipboard && window.isSecureContext) {
        copy.hidden = false;
        copy.addEventListener("click", function () {
          navigator.clipboard.writeText(url).then(
            function () {
              status.textContent = "De link is gekopieerd.";
            },
            function () {
              status.textContent = "Kopiëren lukte niet. Het adres is: " + url;
            }
          );
        });
      }
    });
  }

  // Material's drawer and search are checkboxes. A browser that restores form fields (after
  // Back or a reload) would show them open again; Material prevented that with
  // autocomplete="off", which HTML does not allow on a checkbox (theme/base.html).
  window.addEventListener("pageshow", function () {
    ["__drawer", "__search"].forEach(function (id) {
      var toggle = document.getElementById(id);
      if (toggle && toggle.checked) toggle.click(); // a click, so that Material follows
    });
  });

  // The search page's filters are the overview's (zoeken.js).
  window.kookboekFilters = {
    fields: FIELDS,
    restore: restore,
    readState: readState,
    indexFilters: indexFilters,
    choiceCount: choiceCount,
  };

  // Material's instant navigation swaps in only the pages named in the list it downloads on
  // a visitor's first page (navigatie/sitemap.xml, see theme/base.html). That list leaves the
  // recipes out: with thousands of them it would cost a phone more than the page itself.
  // A link to a recipe is handed to Material here, as its own click handler would, when
  // Material's list names this site's pages (its addresses are site_url's: a copy served
  // elsewhere is navigated page by page, by Material and here alike).
  var scriptSource = document.currentScript ? document.currentScript.src : "";
  var RECIPE = /^recepten\/[^/]+\/$/;
  var materialKnowsSite = null; // null: not known yet

  function siteRoot() {
    return new URL("../../", scriptSource || location.href); // from assets/javascripts/
  }

  function materialConfig() {
    var config = document.getElementById("__config");
    try {
      return config ? JSON.parse(config.textContent) : null;
    } catch (error) {
      return null;
    }
  }

  // The same file as Material's request, taken from the browser's cache once Material has it.
  function readMaterialList() {
    var config = materialConfig();
    if (!config || !config.base || (config.features || []).indexOf("navigation.instant") < 0) {
      materialKnowsSite = false;
      return;
    }
    var list = new URL("sitemap.xml", new URL(config.base, location.href));
    var root = siteRoot();
    fetch(list.href, { cache: "force-cache" })
      .then(function (response) {
        return response.ok ? response.text() : "";
      })
      .then(function (text) {
        // As Material reads it: every address on this page's protocol and host name.
        materialKnowsSite = (text.match(/<loc>[^<]*<\/loc>/g) || []).some(function (loc) {
          var url = new URL(loc.slice(5, -6));
          url.protocol = root.protocol;
          url.hostname = root.hostname;
          return url.href === root.href;
        });
      })
      .catch(function () {
        materialKnowsSite = null; // offline: asked again on the next page
      });
  }

  function recipeLink(event) {
    if (event.defaultPrevented || event.button !== 0) return null;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || link.target || link.hasAttribute("download")) return null;
    var root = siteRoot();
    var url = new URL(link.href);
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    if (!RECIPE.test(url.pathname.slice(root.pathname.length))) return null;
    if (url.pathname === location.pathname) return null; // the same page: the browser's way
    return url;
  }

  document.addEventListener("click", function (event) {
    // Offline, the page is asked for as a whole: the service worker answers a recipe she
    // kept, and leads to the offline page for one she never opened.
    if (!materialKnowsSite || !window.location$ || !navigator.onLine) return;
    var url = recipeLink(event);
    if (!url) return;
    event.preventDefault();
    history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
    history.pushState(null, "", url.href);
    window.location$.next(url);
  });

  // After Material's own request for the list has ended, so that this one is answered by
  // the browser's cache.
  function whenMaterialHasItsList() {
    if (materialKnowsSite !== null || whenMaterialHasItsList.waiting) return;
    var config = materialConfig();
    var list = config && config.base ? new URL("sitemap.xml", new URL(config.base, location.href)) : null;
    var loaded = function () {
      return !list || performance.getEntriesByName(list.href).length > 0;
    };
    if (loaded() || !window.PerformanceObserver) {
      readMaterialList();
      return;
    }
    whenMaterialHasItsList.waiting = true;
    var observer = new PerformanceObserver(function () {
      if (!loaded()) return;
      observer.disconnect();
      whenMaterialHasItsList.waiting = false;
      readMaterialList();
    });
    observer.observe({ type: "resource", buffered: true });
  }

  function setup() {
    whenMaterialHasItsList();
    setupOverview(document);
    setupScaler(document);
    setupPrint(document);
    setupShare(document);
  }

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
