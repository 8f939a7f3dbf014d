// Progressive enhancement only: the page works without it.
// Submitting a filter change from a select reruns the search at once.
document.addEventListener("DOMContentLoaded", function () {
  var mode = document.querySelector("select[name=mode]");
  if (mode && document.getElementById("q").value) {
    mode.addEventListener("change", function () { mode.form.submit(); });
  }
  bearerUpload();
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
