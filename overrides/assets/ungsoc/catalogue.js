// Filters for the intervention catalogue. Without this script the whole table shows and
// the filter form stays hidden (progressive enhancement; external file for the CSP).
(function () {
  "use strict";
  var form = document.querySelector('[data-module="ungsoc-catalogue"]');
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".ungsoc-catalogue tbody tr"));
  var count = form.querySelector(".ungsoc-filters__count");

  function matches(row, filters) {
    var d = row.dataset;
    if (filters.age !== "") {
      var age = Number(filters.age);
      // An unknown bound excludes no age: a record whose age range is not known stays in view
      // (its age cell says so) instead of vanishing for every age typed.
      if (d.ageMin !== "" && age < Number(d.ageMin)) return false;
      if (d.ageMax !== "" && age > Number(d.ageMax)) return false;
    }
    if (filters.settings && d.settings.split(" ").indexOf(filters.settings) < 0) return false;
    if (filters.country && d.country !== filters.country) return false;
    if (filters.prevention_level && d.preventionLevel !== filters.prevention_level) return false;
    if (filters.phase && d.phase !== filters.phase) return false;
    return true;
  }

  function apply() {
    var filters = {};
    ["age", "settings", "country", "prevention_level", "phase"].forEach(function (name) {
      filters[name] = form.elements[name].value;
    });
    var shown = 0;
    rows.forEach(function (row) {
      var visible = matches(row, filters);
      row.hidden = !visible;
      if (visible) shown += 1;
    });
    count.textContent = form.dataset.i18nShown.replace("{shown}", shown).replace("{total}", rows.length);
  }

  form.addEventListener("input", apply);
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
