// Progressive enhancement only: every page works without it.
// - a changed select reruns the search at once;
// - "/" focuses the search box; ↓/↑ (or j/k) move through results and
//   Enter opens the focused one;
// - the "Filters" button shows the facets on narrow screens.
document.addEventListener("DOMContentLoaded", function () {
  var q = document.getElementById("q");
  if (q && q.value) {
    document.querySelectorAll(".search select").forEach(function (sel) {
      sel.addEventListener("change", function () { sel.form.submit(); });
    });
  }
  bearerUpload();

  var toggle = document.querySelector(".filters-toggle");
  var facets = document.getElementById("filters");
  if (toggle && facets) {
    toggle.addEventListener("click", function () {
      var open = facets.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) { var a = facets.querySelector("a"); if (a) a.focus(); }
    });
  }

  var items = Array.prototype.slice.call(document.querySelectorAll("[data-nav] > .nav-item"));
  function typing(el) {
    return el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT" || el.isContentEditable);
  }
  function current() {
    for (var i = 0; i < items.length; i++) {
      if (items[i].contains(document.activeElement)) return i;
    }
    return -1;
  }
  function go(i) {
    if (!items.length) return;
    i = Math.max(0, Math.min(items.length - 1, i));
    items.forEach(function (it) { it.classList.remove("active"); });
    items[i].classList.add("active");
    var link = items[i].querySelector("a.open");
    if (link) link.focus();
    items[i].scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === "/" && !typing(document.activeElement) && q) {
      e.preventDefault();
      q.focus();
      q.select();
      return;
    }
    // A page without a list to move through keeps its keys: the arrows
    // scroll it (the match page's table is no list of items).
    if (typing(document.activeElement) || !items.length) return;
    if (e.key === "ArrowDown" || e.key === "j") { e.preventDefault(); go(current() + 1); }
    else if (e.key === "ArrowUp" || e.key === "k") { e.preventDefault(); go(current() - 1); }
  });
});

// The server takes its API key only as "Authorization: Bearer", never from
// a form field, so the upload form sends the key it asks for as a header
// and shows the page the server answers with.
function bearerUpload() {
  var key = document.getElementById("api_key");
  var form = key && key.form;
  if (!form) {
    return;
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var body = new FormData(form);
    body.delete("api_key");
    fetch(form.action, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "Authorization": "Bearer " + key.value }
    }).then(function (resp) {
      return resp.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      document.title = doc.title;
      document.body.replaceWith(document.adoptNode(doc.body));
      bearerUpload();
    }).catch(function (err) {
      alert("Upload failed: " + err);
    });
  });
}
