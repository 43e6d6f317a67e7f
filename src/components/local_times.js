// Times in the viewer's zone. The server writes every time in UTC, as a <time datetime>
// whose exact part is an element of class "at" (and, where the exact time shows on hover,
// its data-exact); this rewrites those parts in the browser's zone and language, and the
// text of every [data-zone] element with the zone's name. Inline at the end of the body,
// it runs before the page is first painted, so nothing moves when the times change; the
// islands call it again (window.kragleLocalTimes) on the times they render later.
(() => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!zone) return;
  const format = new Intl.DateTimeFormat(navigator.language || "en-GB", {
    weekday: "short", day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23",
  });
  // en-GB: "Sun, 1 Jun 2031, 12:30" -> "Sun 1 Jun 2031, 12:30 (Europe/Paris)"
  const exact = (iso) => `${format.format(new Date(iso)).replace(", ", " ")} (${zone})`;
  const localise = (root) => {
    for (const time of root.querySelectorAll("time[datetime]")) {
      const text = exact(time.dateTime);
      if (time.dataset.exact !== undefined) time.dataset.exact = text;
      for (const at of time.querySelectorAll(".at")) at.textContent = text;
    }
    for (const named of root.querySelectorAll("[data-zone]")) named.textContent = zone;
  };
  window.kragleLocalTimes = localise;
  localise(document);
})();
