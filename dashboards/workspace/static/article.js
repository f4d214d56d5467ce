// The article page: a ticked proposal's figure turns green in the text; each place field
// searches the gazetteer as the entry form's does (option value: the P-code).
(function () {
  document.querySelectorAll("input[name=keep]").forEach(function (box) {
    var mark = document.getElementById("mark-" + box.value);
    function show() { if (mark) mark.classList.toggle("kept", box.checked); }
    box.addEventListener("change", show);
    show();
  });
  document.querySelectorAll("input.place-picker").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = input.value.trim();
        if (q.length < 2 || !list) return;
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
  });
})();
