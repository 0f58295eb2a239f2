// Chapter and transcript times become buttons that play the episode from that moment.
// Without JavaScript they stay a plain list of times.
(function () {
  "use strict";
  document.querySelectorAll('[data-module="sk-seek"]').forEach(function (list) {
    var audio = document.getElementById(list.getAttribute("data-audio"));
    if (!audio) { return; }

    function playFrom(seconds) {
      var start = function () {
        audio.currentTime = seconds;
        var playing = audio.play();
        if (playing) { playing.catch(function () {}); }
      };
      if (audio.readyState > 0) { start(); return; }
      audio.addEventListener("loadedmetadata", start, { once: true });
      audio.load();
    }

    list.querySelectorAll(".sk-time[data-start]").forEach(function (time) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sk-time sk-time--button";
      button.textContent = time.textContent;
      button.setAttribute("aria-label", list.getAttribute("data-label") + " " + time.textContent);
      button.addEventListener("click", function () { playFrom(Number(time.getAttribute("data-start"))); });
      time.replaceWith(button);
    });
  });
})();
