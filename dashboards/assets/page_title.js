// The browser tab's title in the page's language: "<the page's heading> · <app name>".
// Dash sets one English title per page; this follows the page actually shown (issue #12).
(function () {
  "use strict";
  var NAMES = { en: "Tracker", ar: "المتتبّع" };
  function retitle() {
    var page = document.getElementById("page");
    var heading = document.querySelector("#main h1");
    if (!page || !heading) return;
    var lang = page.getAttribute("lang") === "ar" ? "ar" : "en";
    var wanted = heading.textContent.trim() + " · " + NAMES[lang];
    document.documentElement.setAttribute("lang", lang);
    document.documentElement.setAttribute("dir", lang === "ar" ? "rtl" : "ltr");
    if (document.title !== wanted) document.title = wanted;
  }
  new MutationObserver(retitle).observe(document.documentElement, {
    childList: true, subtree: true, characterData: true,
  });
})();
