/*
 * Highlight one code block at a time for static/js/highlight-code.js, away
 * from the page's thread. The first message names the highlight.js file to
 * load; each further message is {language, code} and is answered with the
 * highlighted HTML (highlight.js escapes the code), or null when highlight.js
 * does not know the language. The language is never guessed: auto-detection
 * would run every grammar over the code.
 */
"use strict";

self.onmessage = function (event) {
  if (event.data.library) {
    self.importScripts(event.data.library);
    return;
  }
  const language = event.data.language;
  if (!self.hljs.getLanguage(language)) {
    self.postMessage(null);
    return;
  }
  self.postMessage(
    self.hljs.highlight(event.data.code, { language: language, ignoreIllegals: true }).value
  );
};
