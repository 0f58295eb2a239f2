// Loaded by `skaidra edit` before decap-server (node --require): the local git backend
// writes and commits files, so it listens on the loopback interface only and answers
// only the editor's own page (SKAIDRA_EDITOR_ORIGINS); a request from any other web
// page the browser has open is refused.
"use strict";
const http = require("http");
const net = require("net");

const allowed = new Set((process.env.SKAIDRA_EDITOR_ORIGINS || "").split(" ").filter(Boolean));

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (port, ...rest) {
  if (typeof port === "number" || typeof port === "string") {
    const callback = rest.find((arg) => typeof arg === "function");
    return listen.call(this, Number(port), "127.0.0.1", callback);
  }
  return listen.call(this, port, ...rest);
};

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, request, response) {
  if (event === "request") {
    const origin = request.headers.origin;
    if (origin !== undefined && !allowed.has(origin)) {
      response.writeHead(403, { "Content-Type": "text/plain; charset=utf-8" });
      response.end("Only the site's own editor may use this backend.\n");
      return true;
    }
  }
  return emit.apply(this, arguments);
};
