/* Runs after content.js when the reader set this site to "always on": highlight as the page loads. */
(function () {
  'use strict';
  const NS = globalThis.Sourcelight;
  if (NS && NS.content && !NS.content.state().enabled) NS.content.enable();
})();
