// Progressive enhancement only: the page works without it.
// Submitting a filter change from a select reruns the search at once.
document.addEventListener("DOMContentLoaded", function () {
  var mode = document.querySelector("select[name=mode]");
  if (mode && document.getElementById("q").value) {
    mode.addEventListener("change", function () { mode.form.submit(); });
  }
});
