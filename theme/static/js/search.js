// Site search in the browser, with the Pagefind index built with the site.
// Without JavaScript the page shows a plain message instead of the form.
(function () {
  "use strict";
  var form = document.querySelector('[data-module="sk-search"]');
  if (!form) { return; }
  var nojs = document.querySelector('[data-module="sk-search-nojs"]');
  var input = form.querySelector("input");
  var status = form.querySelector('[role="status"]');
  var list = form.querySelector("ol");
  var pagefind = null;
  form.hidden = false;
  if (nojs) { nojs.hidden = true; }

  function show(results) {
    list.replaceChildren();
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.meta.title || result.url;
      var excerpt = document.createElement("p");
      excerpt.textContent = result.excerpt.replace(/<[^>]*>/g, "");
      item.append(link, excerpt);
      list.append(item);
    });
    status.textContent = results.length ? status.getAttribute("data-some") + " " + results.length : status.getAttribute("data-none");
  }

  // The index comes in parts (parts.json lists them, with their languages): those in the page's
  // language are used (all, if none is), the first loaded, the others merged into it.
  async function load() {
    var base = form.getAttribute("data-bundle");
    var parts = (await (await fetch(base + "parts.json")).json()).parts;
    var lang = document.documentElement.lang;
    var ours = parts.filter(function (part) { return (part.languages || [lang]).indexOf(lang) >= 0; });
    parts = ours.length ? ours : parts;
    var loaded = await import(base + parts[0].bundle + "pagefind.js");
    for (var i = 1; i < parts.length; i++) { await loaded.mergeIndex(base + parts[i].bundle); }
    return loaded;
  }

  async function search(query) {
    if (!pagefind) { pagefind = await load(); }
    var found = await pagefind.search(query);
    show(await Promise.all(found.results.slice(0, 20).map(function (r) { return r.data(); })));
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.value.trim()) {
      history.replaceState(null, "", "?q=" + encodeURIComponent(input.value.trim()));
      search(input.value.trim());
    }
  });
  var initial = new URLSearchParams(location.search).get("q");
  if (initial) { input.value = initial; search(initial); }
})();
