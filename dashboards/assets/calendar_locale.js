// The date picker's months and weekdays in the page's language (issue #12).
// Dash's date picker (date-fns) takes its locale from window.dateFns.locale; it is asked
// each time the calendar draws, so this getter answers with a locale built from the words
// the page carries (#page[data-calendar], CLDR through Babel: tracker/views/calendar.py).
// The picker's weekday column titles ask for the "short" width: they get days_column.
// Nothing is fetched: the words come with the page.
(function () {
  "use strict";
  var cache = {};

  function pick(list, index) {
    return list && list[index] !== undefined ? list[index] : String(index + 1);
  }

  function build(lang, words) {
    var monthWidth = { wide: "months_wide", abbreviated: "months_abbreviated", narrow: "months_abbreviated" };
    var dayWidth = { wide: "days_wide", abbreviated: "days_abbreviated", short: "days_column", narrow: "days_narrow" };
    return {
      code: lang,
      localize: {
        ordinalNumber: function (n) { return String(n); },
        era: function (i) { return String(i); },
        quarter: function (q) { return String(q); },
        month: function (i, options) {
          return pick(words[monthWidth[(options && options.width) || "wide"] || "months_wide"], i);
        },
        day: function (i, options) {
          return pick(words[dayWidth[(options && options.width) || "wide"] || "days_wide"], i);
        },
        dayPeriod: function (p) { return p === "pm" ? "PM" : "AM"; },
      },
      formatLong: {
        date: function () { return "yyyy-MM-dd"; },
        time: function () { return "HH:mm"; },
        dateTime: function () { return "{{date}} {{time}}"; },
      },
      options: { weekStartsOn: lang === "ar" ? 6 : 1, firstWeekContainsDate: 1 },
    };
  }

  function locales() {
    var page = document.getElementById("page");
    var raw = page && page.getAttribute("data-calendar");
    if (!raw) return {};
    var lang = page.getAttribute("lang") === "ar" ? "ar" : "en";
    if (!cache[raw]) {
      try {
        cache[raw] = build(lang, JSON.parse(raw));
      } catch (e) {
        return {};
      }
    }
    var out = {};
    out[lang] = cache[raw];
    return out;
  }

  window.dateFns = window.dateFns || {};
  Object.defineProperty(window.dateFns, "locale", { get: locales, configurable: true });

  // The picker names its buttons in English ("Previous month"): give them the page's words.
  var naming = false;
  function nameButtons() {
    if (naming) return;
    var page = document.getElementById("page");
    var raw = page && page.getAttribute("data-calendar");
    if (!raw) return;
    var buttons;
    try {
      buttons = JSON.parse(raw).buttons || {};
    } catch (e) {
      return;
    }
    naming = true;
    var scope = document.querySelectorAll(".dash-datepicker [aria-label], .dash-datepicker-content [aria-label]");
    for (var i = 0; i < scope.length; i++) {
      var el = scope[i];
      var english = el.getAttribute("data-label-en") || el.getAttribute("aria-label");
      var local = buttons[english];
      if (local && el.getAttribute("aria-label") !== local) {
        el.setAttribute("data-label-en", english);
        el.setAttribute("aria-label", local);
      }
    }
    naming = false;
  }
  new MutationObserver(nameButtons).observe(document.documentElement, {
    childList: true, subtree: true, attributes: true, attributeFilter: ["aria-label"],
  });
})();
