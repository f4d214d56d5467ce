// The place picker: fills the datalist with places whose English or Arabic name (or P-code)
// matches what is typed; each option's value is the P-code, its label the names and level.
(function () {
  var input = document.getElementById("f-location");
  var list = document.getElementById("places");
  if (!input || !list) return;
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var q = input.value.trim();
      if (q.length < 2) return;
      fetch(input.dataset.search + "?q=" + encodeURIComponent(q), {credentials: "same-origin"})
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (places) {
          list.replaceChildren();
          places.forEach(function (p) {
            var option = document.createElement("option");
            option.value = p.pcode;
            option.label = p.label;
            option.textContent = p.label;
            list.appendChild(option);
          });
        });
    }, 200);
  });
})();
