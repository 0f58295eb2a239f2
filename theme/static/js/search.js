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
  // language are used (all, if none is), the first loaded, the others merged into it all at once (each
  // merge fetches two small files: one after the other, a phone would wait a round trip per part).
  async function load() {
    var base = form.getAttribute("data-bundle");
    var parts = (await (await fetch(base + "parts.json")).json()).parts;
    var lang = document.documentElement.lang;
    var ours = parts.filter(function (part) { return (part.languages || [lang]).indexOf(lang) >= 0; });
    parts = ours.length ? ours : parts;
    var loaded = await import(base + parts[0].bundle + "pagefind.js");
    await Promise.all(parts.slice(1).map(function (part) { return loaded.mergeIndex(base + part.bundle); }));
    return loaded;
  }

  // A part of the index answers a word it lacks with the nearest word it holds (Pagefind shortens the
  // word until one is found: a part without "konfederacija" answers with "konkursas"). One index does
  // that only when no page holds the word; so here, where some pages hold every word asked for, the
  // pages found by other words are left out.
  var SHOWN = 20;
  var LOOKED_AT = 100;  // the results whose words are read to choose the shown ones

  function normal(word) {
    return word.toLocaleLowerCase().normalize("NFD").replace(/[^\p{L}\p{N}]/gu, "");
  }

  function near(word, term) {  // the term's stem: the word asked for but for a Lithuanian ending
    var common = 0;
    while (common < word.length && common < term.length && word[common] === term[common]) { common++; }
    return common >= Math.min(term.length, Math.max(3, term.length - 4));
  }

  function holds(result, terms) {
    if (!result.locations) { return true; }
    var words = (result.raw_content || result.content || "").split(/[\r\n\s]+/);  // as Pagefind counts
    var found = result.locations.map(function (at) { return normal(words[at] || ""); });
    return terms.every(function (term) { return found.some(function (word) { return near(word, term); }); });
  }

  async function search(query) {
    if (!pagefind) { pagefind = await load(); }
    var found = (await pagefind.search(query)).results.slice(0, LOOKED_AT);
    var terms = query.split(/\s+/).map(normal).filter(Boolean);
    var held = [], others = [];
    for (var i = 0; i < found.length && held.length < SHOWN; i += SHOWN) {
      var batch = await Promise.all(found.slice(i, i + SHOWN).map(function (r) { return r.data(); }));
      batch.forEach(function (result) { (holds(result, terms) ? held : others).push(result); });
    }
    show((held.length ? held : others).slice(0, SHOWN));
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
