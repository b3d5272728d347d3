/* The week menu: "Zet op mijn weekmenu" on recipe pages and cards, the week-menu page and
 * "Heb ik al in huis" on every shopping list.
 *
 * The menu lives in the URL (weekmenu/?menu=linzensoep*4,pannenkoeken*6) and in the
 * browser's storage. Its shopping list is computed from the data export (an index,
 * weekmenu/gegevens.<hash>.json, and one small file per recipe on the menu, as
 * src/kookboek/site/menus.py describes) with the same whole-number arithmetic as
 * src/kookboek/pricing/shopping.py (its docstring says how), and written with the markup of
 * src/kookboek/site/templates/_shopping.html. Change them together: a browser test compares
 * this list with the one the engine computes. */
(function () {
  "use strict";

  var MENU_KEY = "kookboek-weekmenu";
  var PANTRY_KEY = "kookboek-in-huis";
  var MAX_MEALS = 100; // content/models.py MAX_MENU_MEALS
  var MAX_PEOPLE = 99; // content/models.py MAX_MENU_PORTIONS
  var THOUSANDTHS = 1000;
  var SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  // Control, zero-width and direction characters: never shown back from a link.
  // eslint-disable-next-line no-control-regex -- control characters are what it finds
  var INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g;

  // -- storage (a browser may refuse it: then the menu lives in the URL only) ---------------

  function stored(key) {
    try {
      return window.localStorage.getItem(key);
    } catch (error) {
      return null;
    }
  }

  function store(key, value) {
    try {
      if (value) window.localStorage.setItem(key, value);
      else window.localStorage.removeItem(key);
    } catch (error) {
      /* private mode or full: nothing to do */
    }
  }

  // -- the menu as text: "slug*people,slug*people" -------------------------------------------

  function shown(piece) {
    var text = piece.replace(INVISIBLE, "");
    return text.length > 40 ? text.slice(0, 37) + "..." : text;
  }

  /* known: the recipes of the export (null: any well-formed slug, for the add buttons). */
  function parseMenu(text, known) {
    var meals = [];
    var skipped = [];
    String(text || "")
      .split(",")
      .forEach(function (raw) {
        var piece = raw.trim();
        if (!piece) return;
        var star = piece.lastIndexOf("*");
        var slug = star < 0 ? piece : piece.slice(0, star).trim();
        var count = star < 0 ? "" : piece.slice(star + 1).trim();
        var reason = null;
        if (!SLUG.test(slug)) reason = "dit is geen recept";
        else if (known && !Object.prototype.hasOwnProperty.call(known, slug)) {
          reason = "dit recept bestaat niet (meer)";
        } else if (count === "") reason = "het aantal personen ontbreekt";
        else if (!/^\d+$/.test(count)) reason = "het aantal personen is geen getal";
        else if (parseInt(count, 10) < 1 || parseInt(count, 10) > MAX_PEOPLE) {
          reason = "kies 1 tot " + MAX_PEOPLE + " personen";
        } else if (meals.length >= MAX_MEALS) {
          reason = "meer dan " + MAX_MEALS + " maaltijden";
        }
        if (reason) skipped.push([piece, reason]);
        else meals.push([slug, parseInt(count, 10)]);
      });
    return { meals: meals, skipped: skipped };
  }

  function menuText(meals) {
    return meals
      .map(function (meal) {
        return meal[0] + "*" + meal[1];
      })
      .join(",");
  }

  function skippedLine(skipped) {
    var listed = skipped.slice(0, 5).map(function (item) {
      return "'" + shown(item[0]) + "' (" + item[1] + ")";
    });
    var more = skipped.length > 5 ? " en nog " + (skipped.length - 5) + " andere" : "";
    return "Niet op je weekmenu gezet: " + listed.join(", ") + more + ".";
  }

  // -- the data export (site/menus.py says its shape) -----------------------------------------

  function groups(flat, size) {
    var found = [];
    for (var i = 0; i < flat.length; i += size) found.push(flat.slice(i, i + size));
    return found;
  }

  /* The index as this script uses it: recipes by slug; amounts are added as they arrive. */
  function unpack(raw) {
    var data = {
      winkel: raw.winkel,
      prijspeil: raw.prijspeil,
      eenheden: raw.eenheden,
      basis: raw.basis,
      afdelingen: raw.afdelingen,
      prijzen: raw.prijzen,
      namen: raw.namen,
      soorten: raw.soorten,
      recepten: {},
    };
    raw.recepten.forEach(function (item) {
      data.recepten[item[0]] = {
        titel: item[1],
        portie: item[2],
        soort: raw.soorten[item[3]][0],
        url: item.length > 4 ? item[4] : "recepten/" + item[0] + "/",
        porties: null, // not known until its amounts are loaded
      };
    });
    return data;
  }

  function addAmounts(recipe, raw) {
    recipe.porties = raw[0];
    recipe.p = groups(raw[1], 2);
    recipe.e = groups(raw[2], 5);
    recipe.n = groups(raw[3], 3);
  }

  // -- the arithmetic of pricing/shopping.py, in whole numbers -------------------------------

  function floorDiv(numerator, denominator) {
    return (numerator - (numerator % denominator)) / denominator;
  }

  function halfUp(numerator, denominator) {
    return floorDiv(2 * numerator + denominator, 2 * denominator);
  }

  function ceiling(numerator, denominator) {
    return floorDiv(numerator + denominator - 1, denominator);
  }

  function thousandths(amount) {
    return Math.round(amount * THOUSANDTHS);
  }

  var KIND_RANK = { gewicht: 0, volume: 1, stuk: 2, to_taste: 3 };

  function nameOrder(data, name, kind) {
    return (data.prijzen.length + name) * 4 + KIND_RANK[kind];
  }

  /* meals: [[slug, people], ...], each slug a recipe of data. */
  function shoppingList(data, meals) {
    var totals = {};
    var totalOrder = [];
    var own = {};
    var ownOrder = [];
    var toTaste = {};
    var tasteOrder = [];
    meals.forEach(function (meal) {
      var recipe = data.recepten[meal[0]];
      var people = meal[1];
      recipe.p.forEach(function (item) {
        var scaled = halfUp(thousandths(item[1]) * people, recipe.porties);
        if (!(item[0] in totals)) {
          totals[item[0]] = 0;
          totalOrder.push(item[0]);
        }
        totals[item[0]] += scaled;
      });
      recipe.e.forEach(function (item) {
        var key = item[0] + "|" + item[1];
        if (!(key in own)) {
          own[key] = { name: item[0], dimension: item[1], amount: 0, cents: 0, section: item[4] };
          ownOrder.push(key);
        }
        own[key].amount += halfUp(thousandths(item[2]) * people, recipe.porties);
        own[key].cents += halfUp(item[3] * people, recipe.porties);
      });
      recipe.n.forEach(function (item) {
        var key = item[0] + "|" + item[1];
        if (!(key in toTaste)) {
          toTaste[key] = item;
          tasteOrder.push(key);
        }
      });
    });

    var lines = [];
    totalOrder.forEach(function (index) {
      var entry = data.prijzen[index];
      var total = totals[index];
      var packageSize = thousandths(entry[2]);
      var packages = Math.max(1, ceiling(total, packageSize));
      lines.push({
        kind: "package",
        name: entry[0],
        section: entry[5],
        order: index * 4,
        dimension: entry[1],
        used: total,
        packages: packages,
        label: entry[3],
        leftover: packages * packageSize - total,
        till: packages * entry[4],
        usedCents: halfUp(entry[4] * total, packageSize),
      });
    });
    ownOrder.forEach(function (key) {
      var item = own[key];
      lines.push({
        kind: "own",
        name: data.namen[item.name],
        section: item.section,
        order: nameOrder(data, item.name, item.dimension),
        dimension: item.dimension,
        used: item.amount,
        packages: null,
        till: item.cents,
        usedCents: item.cents,
      });
    });
    tasteOrder.forEach(function (key) {
      var item = toTaste[key];
      var entry = item[0];
      if (entry >= 0 && entry in totals) return; // bought for another meal anyway
      lines.push({
        kind: "to_taste",
        name: entry >= 0 ? data.prijzen[entry][0] : data.namen[item[1]],
        section: item[2],
        order: entry >= 0 ? entry * 4 : nameOrder(data, item[1], "to_taste"),
        packages: null,
        till: 0,
        usedCents: 0,
      });
    });

    var sections = [];
    data.afdelingen.forEach(function (name, index) {
      var inside = lines
        .filter(function (line) {
          return line.section === index;
        })
        .sort(function (a, b) {
          return a.order - b.order;
        });
      if (inside.length) sections.push({ name: name, lines: inside });
    });
    var till = 0;
    var used = 0;
    lines.forEach(function (line) {
      till += line.till;
      used += line.usedCents;
    });
    var portions = 0;
    meals.forEach(function (meal) {
      portions += meal[1];
    });
    return { sections: sections, till: till, used: used, portions: portions, meals: meals.length };
  }

  // -- words and numbers as the engine writes them (babel, nl_BE) ----------------------------

  function grouped(whole) {
    return String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }

  function decimalText(scaled, decimals) {
    var factor = Math.pow(10, decimals);
    var text = grouped(floorDiv(scaled, factor));
    var fraction = scaled % factor;
    if (fraction) {
      var digits = String(fraction);
      while (digits.length < decimals) digits = "0" + digits;
      text += "," + digits.replace(/0+$/, "");
    }
    return text;
  }

  function euro(cents) {
    var rest = String(cents % 100);
    if (rest.length < 2) rest = "0" + rest;
    return "€\u00a0" + grouped(floorDiv(cents, 100)) + "," + rest;
  }

  function quantityText(data, amount, dimension) {
    var unit = data.basis[dimension];
    var factor = THOUSANDTHS;
    var decimals = 2;
    if (unit !== "stuk") {
      if (amount >= 1000 * THOUSANDTHS) {
        unit = unit === "g" ? "kg" : "l";
        factor *= 1000;
      } else {
        decimals = amount >= 10 * THOUSANDTHS ? 0 : 1;
      }
    }
    var scaled = halfUp(amount * Math.pow(10, decimals), factor);
    var names = data.eenheden[unit];
    var name = scaled <= Math.pow(10, decimals) ? names[0] : names[1]; // 1 stuk, 2 stuks
    return decimalText(scaled, decimals) + " " + name;
  }

  function detail(data, line) {
    if (line.kind === "to_taste") return "Naar smaak: telt niet mee in de prijs.";
    var used = quantityText(data, line.used, line.dimension);
    if (line.kind === "own") {
      return "Je gebruikt " + used + ". Eigen prijs uit het recept, niet uit de prijslijst.";
    }
    var kept = line.leftover
      ? "Je houdt " + quantityText(data, line.leftover, line.dimension) + " " + line.name + " over."
      : "Je houdt niets over.";
    return "Koop " + line.packages + " × " + line.label + ". Je gebruikt " + used + ". " + kept;
  }

  // -- the markup of site/templates/_shopping.html -------------------------------------------

  function element(name, attributes, children) {
    var node = document.createElement(name);
    Object.keys(attributes || {}).forEach(function (key) {
      if (key === "text") node.textContent = attributes[key];
      else if (key === "hidden") node.hidden = attributes[key];
      else node.setAttribute(key, attributes[key]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function lineElement(data, line) {
    var item = element(
      "li",
      {
        class: "kb-shop__line kb-shop__line--" + line.kind.replace("_", "-"),
        "data-ingredient": line.name,
        "data-packages": line.packages === null ? "" : String(line.packages),
        "data-till-cents": String(line.till),
      },
      [
        element("span", { class: "kb-shop__box", "aria-hidden": "true" }),
        element("span", { class: "kb-shop__name", text: line.name }),
        element("span", {
          class: "kb-shop__till",
          text: line.kind === "to_taste" ? "–" : euro(line.till),
        }),
        element("span", { class: "kb-shop__detail", text: detail(data, line) }),
      ]
    );
    if (line.kind !== "to_taste") {
      item.appendChild(
        element("label", { class: "kb-shop__have", "data-kb-have": "" }, [
          element("input", { type: "checkbox" }),
          " Heb ik al in huis",
          element("span", { class: "kb-visually-hidden", text: ": " + line.name }),
        ])
      );
    }
    return item;
  }

  function shoppingElement(data, list) {
    var root = element("div", { class: "kb-shop", "data-kb-shopping-list": "" });
    root.appendChild(totalsElement(data, list));
    list.sections.forEach(function (section) {
      var lines = element("ul", { class: "kb-shop__lines" });
      section.lines.forEach(function (line) {
        lines.appendChild(lineElement(data, line));
      });
      root.appendChild(
        element("section", { class: "kb-shop__section" }, [
          element("h3", { class: "kb-shop__heading", text: section.name }),
          lines,
        ])
      );
    });
    return root;
  }

  function totalsElement(data, list) {
    var portions = list.portions === 1 ? "portie" : "porties";
    var attributes = {
      class: "kb-shop__totals",
      "data-kb-shop-totals": "",
      "data-kb-portions": String(list.portions),
    };
    return element("div", attributes, [
        element("p", { class: "kb-shop__total" }, [
          "Aan de kassa betaal je ",
          element("strong", { "data-till-total-cents": String(list.till), text: euro(list.till) }),
          ".",
        ]),
        element("p", { class: "kb-shop__have-total", "data-kb-have-total": "", hidden: true }, [
          "Wat je al in huis hebt, telt niet mee: ",
          element("span", { "data-kb-have-cents": "" }),
          " minder.",
        ]),
        element("p", {}, [
          "Het menu gebruikt daarvan ",
          element("strong", { "data-kb-used-cents": String(list.used), text: euro(list.used) }),
          ". Wat overblijft, heb je nog voor later.",
        ]),
        element("p", {}, [
          "Per persoon per maaltijd: ",
          element("strong", {
            "data-kb-per-person": "",
            text: euro(list.portions ? halfUp(list.till, list.portions) : 0),
          }),
          " (voor " + list.portions + " " + portions + ").",
        ]),
        element("p", {
          class: "kb-shop__date",
          text:
            "Prijzen van " + data.prijspeil + " (" + data.winkel + "). Prijzen veranderen. " +
            "Wat je naar smaak gebruikt, telt niet mee.",
        }),
      ]);
  }

  // -- "Heb ik al in huis": a pantry in the browser, on every shopping list ------------------

  function pantryKey(line) {
    var own = line.classList.contains("kb-shop__line--own");
    return (own ? "eigen:" : "") + line.dataset.ingredient;
  }

  function pantry() {
    try {
      var found = JSON.parse(stored(PANTRY_KEY) || "[]");
      return Array.isArray(found) ? found : [];
    } catch (error) {
      return [];
    }
  }

  function updateTotals(list) {
    var totals = list.querySelector("[data-kb-shop-totals]");
    if (!totals) return;
    var till = 0;
    var have = 0;
    list.querySelectorAll("[data-till-cents]").forEach(function (line) {
      var cents = parseInt(line.dataset.tillCents, 10) || 0;
      if (line.classList.contains("kb-shop__line--have")) have += cents;
      else till += cents;
    });
    var portions = parseInt(totals.dataset.kbPortions, 10) || 0;
    var total = totals.querySelector("[data-till-total-cents]");
    total.setAttribute("data-till-total-cents", String(till));
    total.textContent = euro(till);
    var perPerson = portions ? halfUp(till, portions) : 0;
    totals.querySelector("[data-kb-per-person]").textContent = euro(perPerson);
    var haveLine = totals.querySelector("[data-kb-have-total]");
    haveLine.hidden = have === 0;
    haveLine.querySelector("[data-kb-have-cents]").textContent = euro(have);
    list.dispatchEvent(new CustomEvent("kb:totals", { bubbles: true, detail: till }));
  }

  function setupPantry(list) {
    if (!list || list.dataset.kbReady) return;
    list.dataset.kbReady = "1";
    var inHouse = pantry();
    list.querySelectorAll("[data-till-cents]").forEach(function (line) {
      var box = line.querySelector("[data-kb-have] input");
      if (!box) return;
      box.checked = inHouse.indexOf(pantryKey(line)) >= 0;
      line.classList.toggle("kb-shop__line--have", box.checked);
      box.addEventListener("change", function () {
        var now = pantry().filter(function (key) {
          return key !== pantryKey(line);
        });
        if (box.checked) now.push(pantryKey(line));
        store(PANTRY_KEY, now.length ? JSON.stringify(now) : "");
        line.classList.toggle("kb-shop__line--have", box.checked);
        updateTotals(list);
      });
    });
    updateTotals(list);
  }

  // -- "Zet op mijn weekmenu" on recipe pages and cards --------------------------------------

  function toast() {
    var found = document.querySelector("[data-kb-toast]");
    if (!found) {
      found = element("div", { class: "kb-toast", "data-kb-toast": "", role: "status" });
      document.body.appendChild(found);
    }
    return found;
  }

  function setupAddButtons(root) {
    var buttons = root.querySelectorAll("[data-kb-menu-add]");
    if (buttons.length) toast(); // a live region is announced only if it was there before
    buttons.forEach(function (button) {
      if (button.dataset.kbReady) return;
      button.dataset.kbReady = "1";
      button.addEventListener("click", function () {
        var recipe = button.closest("[data-kb-recipe]");
        var input = recipe && recipe.querySelector("[data-kb-portions-input]");
        var people = parseInt(input ? input.value : button.dataset.portions, 10);
        if (!(people >= 1 && people <= MAX_PEOPLE)) people = parseInt(button.dataset.portions, 10);
        var meals = parseMenu(stored(MENU_KEY), null).meals;
        var message = toast();
        if (meals.length >= MAX_MEALS) {
          message.textContent = "Je weekmenu is vol (" + MAX_MEALS + " maaltijden). ";
        } else {
          meals.push([button.dataset.kbMenuAdd, people]);
          store(MENU_KEY, menuText(meals));
          var who = people === 1 ? " persoon" : " personen";
          var count = meals.length === 1 ? " maaltijd. " : " maaltijden. ";
          message.textContent =
            "Staat op je weekmenu, voor " + people + who + ". " +
            "Je menu heeft nu " + meals.length + count;
        }
        var link = { href: button.dataset.kbMenuPage, text: "Bekijk je weekmenu" };
        message.appendChild(element("a", link));
        message.classList.add("kb-toast--shown");
        window.clearTimeout(message.kbTimer);
        message.kbTimer = window.setTimeout(function () {
          message.classList.remove("kb-toast--shown");
        }, 8000);
      });
    });
  }

  // -- the week-menu page --------------------------------------------------------------------

  function setupWeekmenuPage(root) {
    var page = root.querySelector("[data-kb-weekmenu]");
    if (!page || page.dataset.kbReady) return;
    page.dataset.kbReady = "1";
    var siteRoot = page.dataset.root || "";
    var problem = page.querySelector("[data-kb-menu-problem]");
    var list = page.querySelector("[data-kb-menu-list]");
    var empty = page.querySelector("[data-kb-menu-empty]");
    var shopping = page.querySelector("[data-kb-shopping]");
    var summary = page.querySelector("[data-kb-menu-summary]");
    var picker = page.querySelector("[data-kb-picker]");
    var select = page.querySelector("[data-kb-picker-recipe]");
    var status = page.querySelector("[data-kb-menu-status]");
    var app = page.querySelector("[data-kb-weekmenu-app]");
    var folder = page.dataset.export.replace(/\.json$/, "/");
    var params = new URLSearchParams(window.location.search);
    var fromUrl = params.has("menu");
    var text = fromUrl ? params.get("menu") : stored(MENU_KEY);
    var data = null;
    var meals = [];

    function say(message) {
      problem.textContent = message;
      problem.hidden = !message;
    }

    function keep() {
      var menu = menuText(meals);
      store(MENU_KEY, menu);
      var url = window.location.pathname + (menu ? "?menu=" + menu : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
    }

    function showShopping() {
      shopping.textContent = "";
      if (!meals.length) {
        var nothing = "Nog niets te kopen: zet eerst een recept op je menu.";
        shopping.appendChild(element("p", { class: "kb-muted", text: nothing }));
        return;
      }
      var made = shoppingElement(data, shoppingList(data, meals));
      shopping.appendChild(made);
      setupPantry(made);
    }

    function changed() {
      keep();
      empty.hidden = meals.length > 0;
      summary.hidden = meals.length === 0;
      showShopping();
    }

    // At the top of the menu, what the list below it costs (on a phone it is far below).
    shopping.addEventListener("kb:totals", function (event) {
      var count = meals.length === 1 ? "1 maaltijd" : meals.length + " maaltijden";
      summary.textContent = count + ". Aan de kassa: " + euro(event.detail) + ". ";
      var link = { href: "#boodschappen", text: "Naar de boodschappenlijst" };
      summary.appendChild(element("a", link));
    });

    function mealElement(meal, index) {
      var recipe = data.recepten[meal[0]];
      var input = element("input", {
        class: "kb-menu__portions",
        type: "number",
        inputmode: "numeric",
        min: "1",
        max: String(MAX_PEOPLE),
        step: "1",
        value: String(meal[1]),
        "aria-label": "Aantal personen voor " + recipe.titel,
      });
      function set(people) {
        if (!(people >= 1)) return;
        meal[1] = Math.min(MAX_PEOPLE, people);
        input.value = String(meal[1]);
        changed();
      }
      input.addEventListener("change", function () {
        set(parseInt(input.value, 10));
      });
      function step(label, sign) {
        var attributes = { type: "button", class: "kb-menu__step", "aria-label": label };
        attributes.text = sign;
        return element("button", attributes);
      }
      var less = step("Eén persoon minder voor " + recipe.titel, "−");
      var more = step("Eén persoon meer voor " + recipe.titel, "+");
      less.addEventListener("click", function () {
        set(Math.max(1, meal[1] - 1));
      });
      more.addEventListener("click", function () {
        set(meal[1] + 1);
      });
      var remove = element("button", {
        type: "button",
        class: "kb-menu__remove",
        "aria-label": "Haal weg: " + recipe.titel,
        text: "Haal weg",
      });
      remove.addEventListener("click", function () {
        meals.splice(meals.indexOf(meal), 1);
        showMeals();
        changed();
      });
      return element("li", { class: "kb-menu__meal" }, [
        element("span", { class: "kb-menu__number", text: index + 1 + "." }),
        element("a", { class: "kb-menu__title", href: siteRoot + recipe.url, text: recipe.titel }),
        element("span", { class: "kb-menu__people" }, [less, input, more, " personen"]),
        remove,
      ]);
    }

    function showMeals() {
      list.textContent = "";
      meals.forEach(function (meal, index) {
        list.appendChild(mealElement(meal, index));
      });
    }

    function fillPicker() {
      select.textContent = "";
      select.appendChild(element("option", { value: "", text: "Kies een recept" }));
      data.soorten.forEach(function (category) {
        var group = element("optgroup", { label: category[1] });
        Object.keys(data.recepten)
          .filter(function (slug) {
            return data.recepten[slug].soort === category[0];
          })
          .sort(function (a, b) {
            return data.recepten[a].titel.localeCompare(data.recepten[b].titel, "nl");
          })
          .forEach(function (slug) {
            var recipe = data.recepten[slug];
            var label = recipe.titel + " (" + euro(recipe.portie) + " per portie)";
            group.appendChild(element("option", { value: slug, text: label }));
          });
        select.appendChild(group);
      });
    }

    function loadAmounts(slugs) {
      var missing = slugs.filter(function (slug, index) {
        return data.recepten[slug].porties === null && slugs.indexOf(slug) === index;
      });
      return Promise.all(
        missing.map(function (slug) {
          return fetchJson(folder + slug + ".json").then(function (raw) {
            addAmounts(data.recepten[slug], raw);
          });
        })
      );
    }

    function ready() {
      app.removeAttribute("data-kb-loading");
      fillPicker();
      showMeals();
      changed();
    }

    function failed() {
      app.removeAttribute("data-kb-loading");
      shopping.textContent = "";
      say(
        "De recepten en prijzen konden niet geladen worden. Is je internet aan? " +
          "Laad de pagina dan opnieuw."
      );
    }

    picker.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!data || !select.value) return;
      var slug = select.value;
      var people = parseInt(picker.querySelector("[data-kb-picker-portions]").value, 10);
      if (!(people >= 1 && people <= MAX_PEOPLE)) {
        status.textContent = "Kies 1 tot " + MAX_PEOPLE + " personen.";
        return;
      }
      if (meals.length >= MAX_MEALS) {
        status.textContent = "Je weekmenu is vol (" + MAX_MEALS + " maaltijden).";
        return;
      }
      loadAmounts([slug]).then(function () {
        meals.push([slug, people]);
        status.textContent = data.recepten[slug].titel + " staat op je menu.";
        say("");
        showMeals();
        changed();
      }, failed);
    });
    page.querySelector("[data-kb-menu-clear]").addEventListener("click", function () {
      meals = [];
      say("");
      status.textContent = "Je menu is leeg.";
      showMeals();
      changed();
    });
    page.querySelector("[data-kb-menu-share]").addEventListener("click", function () {
      var url = window.location.href;
      if (navigator.share) {
        navigator.share({ title: document.title, url: url }).catch(function () {});
      } else if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(url).then(
          function () {
            status.textContent =
              "De link is gekopieerd. Plak hem in een bericht, bijvoorbeeld in WhatsApp.";
          },
          function () {
            status.textContent = "Kopieer deze link: " + url;
          }
        );
      } else {
        status.textContent = "Kopieer deze link: " + url;
      }
    });

    fetchJson(page.dataset.export)
      .then(function (raw) {
        data = unpack(raw);
        var parsed = parseMenu(text, data.recepten);
        meals = parsed.meals;
        say(parsed.skipped.length ? skippedLine(parsed.skipped) : "");
        return loadAmounts(
          meals.map(function (meal) {
            return meal[0];
          })
        );
      })
      .then(ready, failed);
  }

  /* The export's names change with its content: a copy the browser has is always right. */
  function fetchJson(url) {
    return fetch(url, { cache: "force-cache" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.json();
    });
  }

  function setup() {
    try {
      setupAddButtons(document);
      setupWeekmenuPage(document);
      var examples = document.querySelectorAll(".kb-weekmenu--example [data-kb-shopping-list]");
      examples.forEach(setupPantry);
    } catch (error) {
      var app = document.querySelector("[data-kb-weekmenu-app]");
      if (app) app.removeAttribute("data-kb-loading");
      var problem = document.querySelector("[data-kb-menu-problem]");
      if (problem) {
        problem.textContent = "Er ging iets mis met het weekmenu. Laad de pagina opnieuw.";
        problem.hidden = false;
      }
    }
  }

  // The overview's filters put other cards in (kookboek.js): their buttons work too.
  document.addEventListener("kookboek:cards", function () {
    setupAddButtons(document);
  });

  window.kookboekWeekmenu = {
    parseMenu: parseMenu,
    menuText: menuText,
    unpack: unpack,
    addAmounts: addAmounts,
    shoppingList: shoppingList,
    shoppingElement: shoppingElement,
    quantityText: quantityText,
    euro: euro,
  };

  if (typeof window.document$ !== "undefined") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
