// The episode's player and its text. Chapter and transcript times become buttons that play the
// episode from that moment; a click on a cue's words does the same. While the audio plays, the
// cue being spoken is marked (and named as current to assistive technology). Without JavaScript
// the times stay a plain list and the transcript plain text.
(function () {
  "use strict";

  function playFrom(audio, seconds) {
    var start = function () {
      audio.currentTime = seconds;
      var playing = audio.play();
      if (playing) { playing.catch(function () {}); }
    };
    if (audio.readyState > 0) { start(); return; }
    audio.addEventListener("loadedmetadata", start, { once: true });
    audio.load();
  }

  document.querySelectorAll('[data-module="sk-seek"]').forEach(function (list) {
    var audio = document.getElementById(list.getAttribute("data-audio"));
    if (!audio) { return; }

    list.querySelectorAll(".sk-time[data-start]").forEach(function (time) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sk-time sk-time--button";
      button.textContent = time.textContent;
      button.setAttribute("aria-label", list.getAttribute("data-label") + " " + time.textContent);
      button.addEventListener("click", function () { playFrom(audio, Number(time.getAttribute("data-start"))); });
      time.replaceWith(button);
    });

    var cues = Array.prototype.slice.call(list.querySelectorAll(".sk-cue[data-start]"));
    if (!cues.length) { return; }
    var current = null;

    function mark() {
      var now = audio.currentTime;
      var found = null;
      cues.forEach(function (cue) {
        if (Number(cue.getAttribute("data-start")) <= now && now < Number(cue.getAttribute("data-end"))) { found = cue; }
      });
      if (found === current) { return; }
      if (current) { current.classList.remove("sk-cue--current"); current.removeAttribute("aria-current"); }
      if (found) { found.classList.add("sk-cue--current"); found.setAttribute("aria-current", "true"); }
      current = found;
    }

    ["timeupdate", "seeked", "ended"].forEach(function (name) { audio.addEventListener(name, mark); });
    cues.forEach(function (cue) {
      cue.addEventListener("click", function (event) {
        if (event.target.closest("button, a") || String(window.getSelection())) { return; }  // its button, a link, or selecting text
        playFrom(audio, Number(cue.getAttribute("data-start")));
      });
    });
  });
})();
