// Times in the viewer's zone. The server writes every time in UTC, as a <time datetime>
// whose exact part is an element of class "at" (and, where the exact time shows on hover,
// its data-exact); this rewrites those parts in the browser's zone and language, and the
// text of every [data-zone] element with the zone's name.
//
// Inline in the head, it watches the document as the parser builds it and rewrites each
// time as soon as it is in the document: mutation records are handled before the browser
// paints what the parser added, so even a page that arrives in pieces over a slow network
// is never painted with the UTC times (which would move the text after them when the
// times change length). Once the document is parsed it stops watching; the islands call
// it again (window.kragleLocalTimes) on the times they render later.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  const format = new Intl.DateTimeFormat(navigator.language || "en-GB", {
    weekday: "short", day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  // en-GB: "Sun, 1 Jun 2031, 12:30" -> "Sun 1 Jun 2031, 12:30 (Europe/Paris)"
  const exact = (iso) => `${format.format(new Date(iso)).replace(", ", " ")} (${zone})`;
  // Writes only text that differs, so its own writes, seen by the observer, change nothing
  // more. (Attributes are not observed.)
  const setText = (element, text) => {
    if (element.textContent !== text) element.textContent = text;
  };
  const localiseTime = (time) => {
    const text = exact(time.dateTime);
    if (time.dataset.exact !== undefined) time.dataset.exact = text;
    for (const at of time.querySelectorAll(".at")) setText(at, text);
  };
  const localise = (root) => {
    for (const time of root.querySelectorAll("time[datetime]")) localiseTime(time);
    for (const named of root.querySelectorAll("[data-zone]")) setText(named, zone);
  };
  window.kragleLocalTimes = localise;

  // A time (or zone name) the parser has added, or is still filling in.
  const localiseAround = (node) => {
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    if (!element) return;
    const time = element.closest("time[datetime]");
    if (time) localiseTime(time);
    const named = element.closest("[data-zone]");
    if (named) setText(named, zone);
    if (node.nodeType === Node.ELEMENT_NODE && node.firstElementChild) localise(node);
  };
  const watcher = new MutationObserver((records) => {
    for (const record of records) {
      if (record.type === "characterData") localiseAround(record.target);
      for (const node of record.addedNodes) localiseAround(node);
    }
  });
  watcher.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  document.addEventListener("DOMContentLoaded", () => {
    watcher.takeRecords();
    watcher.disconnect();
    localise(document);
  }, { once: true });
})();
