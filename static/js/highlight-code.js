/*
 * Highlight the code blocks of posts in the browser. The server renders a
 * fenced block as escaped <pre><code class="language-xxx"> and runs no lexer
 * (community/markdown.py, issue 10: Pygments took a minute on crafted code
 * inside the request). Here every such block, on page load and in every piece
 * of page that htmx adds, is sent to highlight.js in a web worker
 * (static/js/highlight-worker.js), one block at a time, those in view first.
 *
 * highlight.js is quadratic on crafted code too (20,000 characters of one
 * letter as "ini" take seconds), so the page's thread never runs it, a block
 * longer than MAX_CHARACTERS stays plain, and a block not done within
 * TIME_BUDGET_MS stays plain: its worker is stopped and a fresh one takes the
 * next block. A page of such blocks would still keep the reader's CPU busy for
 * a second each, so the worker gets PAGE_BUDGET_MS in all for the page's life;
 * the blocks still waiting then stay plain. Languages highlight.js does not
 * know stay plain as well.
 *
 * The script tag names the worker (data-worker) and highlight.js
 * (data-library), so that both URLs come from {% static %}.
 */
(function () {
  "use strict";

  // About 500 lines; a longer block is a log or a dump rather than code to read.
  const MAX_CHARACTERS = 20000;
  // A 20,000-character block of real code takes under 100 ms; crafted code
  // takes seconds and is left plain.
  const TIME_BUDGET_MS = 1000;
  // Thirty posts of real code take well under a second.
  const PAGE_BUDGET_MS = 3000;
  const LANGUAGE_PREFIX = "language-";
  const SELECTOR = 'pre code[class*="language-"]:not([data-highlighted])';

  const script = document.currentScript;
  const waiting = [];
  // The waiting blocks in view, as the observer last reported.
  const inView = new Set();
  const observer =
    "IntersectionObserver" in window ? new IntersectionObserver(noteInView) : null;
  let worker = null;
  let current = null;
  let startedAt = 0;
  let spentMs = 0;
  let timer = 0;

  function languageOf(block) {
    for (const name of block.classList) {
      if (name.startsWith(LANGUAGE_PREFIX)) {
        return name.slice(LANGUAGE_PREFIX.length);
      }
    }
    return "";
  }

  function startWorker() {
    try {
      worker = new Worker(script.dataset.worker);
    } catch (error) {
      // A browser without workers, or a worker URL on another origin: code stays plain.
      leavePlain(waiting.splice(0));
      return false;
    }
    worker.onmessage = finish;
    worker.postMessage({ library: script.dataset.library });
    return true;
  }

  function leavePlain(blocks) {
    for (const block of blocks) {
      block.dataset.highlighted = "no";
      stopWatching(block);
    }
  }

  function stopWatching(block) {
    inView.delete(block);
    if (observer) {
      observer.unobserve(block);
    }
  }

  function noteInView(entries) {
    for (const entry of entries) {
      if (entry.isIntersecting) {
        inView.add(entry.target);
      } else {
        inView.delete(entry.target);
      }
    }
    next();
  }

  // The first waiting block in view, else the first waiting block.
  function takeNext() {
    let index = waiting.findIndex(function (block) {
      return inView.has(block);
    });
    if (index < 0) {
      index = 0;
    }
    const block = waiting.splice(index, 1)[0];
    stopWatching(block);
    return block;
  }

  function next() {
    while (!current && waiting.length) {
      const left = PAGE_BUDGET_MS - spentMs;
      if (left <= 0) {
        leavePlain(waiting.splice(0));
        return;
      }
      const block = takeNext();
      // htmx may have swapped the block out while it waited.
      if (!block.isConnected) {
        continue;
      }
      if (!worker && !startWorker()) {
        leavePlain([block]);
        return;
      }
      current = block;
      startedAt = performance.now();
      worker.postMessage({ language: languageOf(block), code: block.textContent });
      timer = setTimeout(giveUp, Math.min(TIME_BUDGET_MS, left));
    }
  }

  function finish(event) {
    // A worker given up on may still have answered; its block is already plain.
    if (event.target !== worker || !current) {
      return;
    }
    clearTimeout(timer);
    spentMs += performance.now() - startedAt;
    if (event.data !== null) {
      // Reading textContent dropped the spans of blocks that Pygments
      // highlighted before issue 10; their text is highlighted afresh.
      current.innerHTML = event.data;
      current.classList.add("hljs");
    }
    current.dataset.highlighted = event.data === null ? "no" : "yes";
    current = null;
    next();
  }

  function giveUp() {
    spentMs += performance.now() - startedAt;
    worker.terminate();
    worker = null;
    current.dataset.highlighted = "no";
    current = null;
    next();
  }

  function highlightWithin(root) {
    const blocks = Array.from(root.querySelectorAll(SELECTOR));
    if (root.matches && root.matches(SELECTOR)) {
      blocks.push(root);
    }
    for (const block of blocks) {
      const isShort = block.textContent.length <= MAX_CHARACTERS;
      block.dataset.highlighted = isShort ? "waiting" : "no";
      if (isShort) {
        waiting.push(block);
        if (observer) {
          observer.observe(block);
        }
      }
    }
    // The observer reports each block it is given, in view or not, and then
    // starts the work; without it, the blocks go in the page's order.
    if (!observer) {
      next();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    highlightWithin(document);
  });
  // htmx fires htmx:load on every element it adds (a new reply, newer posts).
  document.addEventListener("htmx:load", function (event) {
    highlightWithin(event.target);
  });
})();
