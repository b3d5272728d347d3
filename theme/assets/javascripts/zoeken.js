/* The search page (src/kookboek/site/templates/search.html): asks the Pagefind index that
 * the build wrote into pagefind/ (src/kookboek/search/index.py). pagefind.js fetches only
 * the parts of the index the words need, and the excerpts of the results it shows. The
 * query and the filters (the overview's, from kookboek.js) are in the address (?q=…&soort=…),
 * so a search can be shared and Back shows it again. Each filter's choices say how many of
 * the pages found for the words they keep. */
(function () {
  "use strict";
  var form = document.querySelector("[data-kb-search]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var filters = window.kookboekFilters; // kookboek.js, loaded before this script
  var choices = form.querySelector("[data-kb-search-filters]");
  var choicesBox = form.querySelector("[data-kb-search-choices]");
  // The filters' own parts of the index are fetched only when she opens the choices (or a
  // shared address chose a filter): a plain search does not pay for the counts.
  var counting = false;
  var status = document.querySelector("[data-kb-search-status]");
  var list = document.querySelector("[data-kb-search-results]");
  var more = document.querySelector("[data-kb-search-more]");
  var root = new URL(form.getAttribute("data-kb-root") || "./", location.href);
  var SHOWN = Number(form.getAttribute("data-kb-per-page")) || 10;
  var engine = null;
  var latest = 0;
  var found = [];
  var query = "";

  function load() {
    if (!engine) {
      var script = new URL(form.getAttribute("data-kb-search"), location.href).href;
      engine = import(script).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          return pagefind;
        });
      });
    }
    return engine;
  }

  function say(text) {
    status.textContent = text;
  }

  // Pagefind's excerpt is the page's text with <mark> around the words found. Only text and
  // those marks are taken over: contributed text never becomes HTML here.
  function excerptInto(html, into) {
    var parsed = new DOMParser().parseFromString("<p>" + html + "</p>", "text/html");
    var nodes = parsed.body.firstChild ? parsed.body.firstChild.childNodes : [];
    Array.prototype.forEach.call(nodes, function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        into.appendChild(mark);
      } else {
        into.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "kb-search__result";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    var heading = document.createElement("h2");
    heading.appendChild(link);
    var excerpt = document.createElement("p");
    excerptInto(result.excerpt, excerpt);
    li.appendChild(heading);
    li.appendChild(excerpt);
    return li;
  }

  // Each choice with the number of pages found for the words that it keeps.
  function count(totals) {
    form.querySelectorAll("[data-kb-choice]").forEach(function (element) {
      var field = element.tagName === "OPTION" ? element.parentNode : form.elements.namedItem(
        element.htmlFor.replace(/^kb-/, "")
      );
      var value = element.tagName === "OPTION" ? element.value : field.value;
      var number = filters.choiceCount(totals, field.name, value);
      element.textContent = element.getAttribute("data-kb-choice") + " (" + number + ")";
    });
  }

  function tell() {
    var count = found.length;
    var shown = list.children.length;
    if (!count) say("Niets gevonden voor ‘" + query + "’. Probeer een ander woord.");
    else if (count === 1) say("1 pagina gevonden.");
    else if (shown >= count) say(count + " pagina's gevonden.");
    else say(count + " pagina's gevonden. De eerste " + shown + " staan hieronder.");
    more.hidden = shown >= count;
  }

  // The next results: only their excerpts are fetched, a few at a time.
  function showMore(asked) {
    var from = list.children.length;
    return Promise.all(
      found.slice(from, from + SHOWN).map(function (r) {
        return r.data();
      })
    ).then(function (results) {
      if (asked !== latest) return;
      results.forEach(function (result) {
        list.appendChild(item(result));
      });
      tell();
    });
  }

  function search(typed) {
    var asked = ++latest;
    query = typed.trim();
    list.textContent = "";
    found = [];
    more.hidden = true;
    if (!query) {
      say("");
      return;
    }
    var state = filters.readState(form);
    var address = new URL(location.href);
    address.search = "";
    address.searchParams.set("q", query);
    filters.fields.forEach(function (name) {
      if (state[name]) address.searchParams.set(name, state[name]);
    });
    history.replaceState(null, "", address.href);
    say("Even zoeken…");
    load()
      .then(function (pagefind) {
        var ready = counting ? pagefind.filters() : Promise.resolve();
        return ready.then(function () {
          return pagefind.search(query, { filters: filters.indexFilters(form, state) });
        });
      })
      .then(function (answer) {
        if (asked !== latest) return null;
        found = answer.results;
        if (counting) count(answer.totalFilters);
        choicesBox.hidden = false;
        return showMore(asked);
      })
      .catch(function () {
        if (asked === latest) say("Zoeken lukt nu niet. Heb je internet? Probeer het straks opnieuw.");
      });
  }

  more.addEventListener("click", function () {
    var first = list.children.length;
    showMore(latest).then(function () {
      // Focus goes to the first new result, so a screen reader and the keyboard go on there.
      var next = list.children[first];
      if (next) next.querySelector("a").focus();
    });
  });

  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      search(input.value);
    }, 250);
  });
  choices.addEventListener("toggle", function () {
    if (!choices.open || counting) return;
    counting = true;
    if (input.value.trim()) search(input.value);
  });
  // A filter chosen: the same words again, with it.
  form.addEventListener("change", function (event) {
    if (event.target === input) return;
    clearTimeout(timer);
    search(input.value);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });
  filters.restore(form);
  if (filters.fields.some(function (name) {
    return new URL(location.href).searchParams.has(name);
  })) {
    counting = true;
    choices.open = true;
  }
  var asked = new URL(location.href).searchParams.get("q");
  if (asked) {
    input.value = asked;
    search(asked);
  }
})();
