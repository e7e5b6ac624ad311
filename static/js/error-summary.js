// After a failed submit, move focus to the error summary ("There is a problem"), as GOV.UK does, so a
// screen reader reads it and a keyboard user starts from it; each link there moves focus to its field.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-link]");
    if (!link) { return; }
    var field = document.getElementById(link.getAttribute("data-error-link"));
    if (!field) { return; }
    event.preventDefault();
    var label = document.querySelector("label[for='" + field.id + "']");
    (label || field).scrollIntoView({block: "center"});
    field.focus({preventScroll: true});
  });
})();
