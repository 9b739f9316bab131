// Site-wide behaviour. Everything works without this file; it adds GOV.UK
// Frontend's enhancements (error summary focus, menu toggles, character counts)
// and keeps them working on content htmx swaps in.
import { initAll } from "../vendor/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// After htmx replaces part of a page: start GOV.UK components inside it and
// move focus to where a screen reader user needs to continue (the error
// summary, or the new heading), as a full page load would.
document.body.addEventListener("htmx:afterSwap", () => {
  const heading = document.querySelector("[data-swap-focus]");
  const scope = heading?.closest("[data-swap-scope]");
  if (!scope) return;
  initAll({ scope });
  const target = scope.querySelector(".govuk-error-summary") || heading;
  if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
  target.focus();
});
