// ReDoc 2 draws the Redocly logo in its side menu from cdn.redoc.ly, with no option to
// leave it out. Loaded before ReDoc, this points every image that names another host at a
// blank local one, so the documentation makes no request beyond this server.
"use strict";
(() => {
  const BLANK = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";
  const local = (value) => {
    const url = new URL(String(value), location.href);
    return url.origin === location.origin || url.protocol === "data:" || url.protocol === "blob:";
  };
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    const remote = this instanceof HTMLImageElement && String(name).toLowerCase() === "src" && !local(value);
    return setAttribute.call(this, name, remote ? BLANK : value);
  };
  const src = Object.getOwnPropertyDescriptor(HTMLImageElement.prototype, "src");
  Object.defineProperty(HTMLImageElement.prototype, "src", {
    ...src,
    set(value) { src.set.call(this, local(value) ? value : BLANK); },
  });
})();
