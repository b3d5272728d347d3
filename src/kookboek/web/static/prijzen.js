/* The price page: the search box filters the list as the coach types (every row stays in
   the form, hidden or not, so nothing typed is lost). Without scripts the Zoek button asks
   the server for the matching rows. */
(function () {
  "use strict";
  var form = document.querySelector("[data-zoeken]");
  var list = document.querySelector("[data-prijzen]");
  // A list the server filtered already (?zoek=) holds only the matches: search there again.
  if (!form || !list || form.hasAttribute("data-gefilterd")) {
    return;
  }
  var field = form.querySelector("[data-zoekveld]");
  var count = form.querySelector("[data-aantal]");
  var rows = Array.prototype.slice.call(list.querySelectorAll("li[data-namen]"));
  var total = count ? count.textContent.replace(/^\d+ van /, "") : "";

  function normalise(text) {
    return text.toLowerCase().replace(/\s+/g, " ").trim();
  }

  function filter() {
    var wanted = normalise(field.value);
    var shown = 0;
    rows.forEach(function (row) {
      var names = row.getAttribute("data-namen").split("|");
      var match = !wanted || names.some(function (name) {
        return normalise(name).indexOf(wanted) !== -1;
      });
      row.hidden = !match;
      if (match) {
        shown += 1;
      }
    });
    if (count) {
      count.textContent = shown + " van " + total;
    }
  }

  form.addEventListener("submit", function (event) {
    // With every row on the page, searching needs no trip to the server.
    event.preventDefault();
    filter();
  });
  field.addEventListener("input", filter);
})();
