// Fast entry of questionnaire items: typing a digit ticks that answer and moves to the next item;
// Delete or Backspace clears an item. Also keeps a count of answered items and shows only the
// impact questions of the chosen SDQ informant. Without JavaScript the form still works.
(function () {
  "use strict";
  var form = document.querySelector("[data-item-form]");
  if (!form) { return; }
  var rows = Array.prototype.slice.call(form.querySelectorAll("[data-item-row]"));

  function radiosOf(row) { return Array.prototype.slice.call(row.querySelectorAll("input[type=radio]")); }

  function updateCount() {
    var answered = rows.filter(function (row) { return row.querySelector("input:checked"); }).length;
    form.querySelectorAll("[data-answered-count]").forEach(function (el) {
      el.textContent = answered + " of " + rows.length + " answered";
    });
  }

  form.addEventListener("keydown", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || input.type !== "radio") { return; }
    var row = input.closest("[data-item-row]");
    if (!row) { return; }
    if (/^[0-9]$/.test(event.key)) {
      var target = radiosOf(row).find(function (radio) { return radio.value === event.key; });
      if (!target) { return; }
      event.preventDefault();
      target.checked = true;
      var next = rows[rows.indexOf(row) + 1];
      if (next) { (next.querySelector("input:checked") || radiosOf(next)[0]).focus(); } else { target.focus(); }
      updateCount();
    } else if (event.key === "Delete" || event.key === "Backspace") {
      event.preventDefault();
      radiosOf(row).forEach(function (radio) { radio.checked = false; });
      updateCount();
    }
  });
  form.addEventListener("change", updateCount);

  function showImpactItems() {
    var chosen = form.querySelector("input[name=informant]:checked");
    if (!chosen) { return; }
    var label = chosen.value === "parent" ? "parent" : "teacher";
    form.querySelectorAll("[data-impact-item]").forEach(function (el) {
      el.hidden = el.getAttribute("data-impact-item").toLowerCase().indexOf(label) === -1;
      if (el.hidden) { el.querySelectorAll("select").forEach(function (select) { select.value = ""; }); }
    });
  }
  form.addEventListener("change", showImpactItems);
  showImpactItems();
  updateCount();
})();
